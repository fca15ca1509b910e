// The cluster's certificates and kubeconfigs, made once with openssl under RUN/pki: a CA, the
// apiserver's serving certificate (reachable as 127.0.0.1, the node's address and the
// `kubernetes` Service), a client certificate per component, and the service-account key pair.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NET, NODE_NAME, RUN } from "./config.ts";
import { run } from "./sh.ts";

export const PKI = join(RUN, "pki");
export const ADMIN_KUBECONFIG = join(PKI, "admin.kubeconfig");
export const pem = (name: string) => ({ cert: join(PKI, `${name}.crt`), key: join(PKI, `${name}.key`) });

/** Client identities: file name, CN and O as the apiserver's RBAC reads them. */
const CLIENTS = [
  { name: "admin", cn: "admin", o: "system:masters" },
  { name: "controller-manager", cn: "system:kube-controller-manager" },
  { name: "scheduler", cn: "system:kube-scheduler" },
  { name: "kubelet", cn: `system:node:${NODE_NAME}`, o: "system:nodes" },
  { name: "kube-proxy", cn: "system:kube-proxy" },
  { name: "apiserver-kubelet-client", cn: "kube-apiserver-kubelet-client", o: "system:masters" },
] as const;

async function issue(name: string, subject: string, sans?: string[], serverAuth = false): Promise<void> {
  const { cert, key } = pem(name);
  const ext = join(PKI, `${name}.ext`);
  const usage = serverAuth ? "serverAuth" : "clientAuth";
  writeFileSync(
    ext,
    [
      `extendedKeyUsage=${usage}`,
      "keyUsage=critical,digitalSignature,keyEncipherment",
      ...(sans ? [`subjectAltName=${sans.join(",")}`] : []),
    ].join("\n"),
  );
  await run(
    [
      "openssl",
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-subj",
      subject,
      "-out",
      `${cert}.csr`,
    ],
    { quiet: true },
  );
  const ca = pem("ca");
  await run(
    [
      "openssl",
      "x509",
      "-req",
      "-in",
      `${cert}.csr`,
      "-CA",
      ca.cert,
      "-CAkey",
      ca.key,
      "-CAcreateserial",
      "-days",
      "3650",
      "-extfile",
      ext,
      "-out",
      cert,
    ],
    { quiet: true },
  );
}

function kubeconfig(file: string, user: string, client: { cert: string; key: string }): void {
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
  - name: local
    cluster:
      certificate-authority: ${pem("ca").cert}
      server: https://${NET.nodeIp}:6443
users:
  - name: ${user}
    user:
      client-certificate: ${client.cert}
      client-key: ${client.key}
contexts:
  - name: local
    context: { cluster: local, user: ${user} }
current-context: local
`,
  );
}

export const kubeconfigOf = (name: string) => join(PKI, `${name}.kubeconfig`);

export async function ensurePki(): Promise<void> {
  if (existsSync(ADMIN_KUBECONFIG)) return;
  mkdirSync(PKI, { recursive: true });
  const ca = pem("ca");
  await run(
    [
      "openssl",
      "req",
      "-x509",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      ca.key,
      "-subj",
      "/CN=chat-todo-local-ca",
      "-days",
      "3650",
      "-out",
      ca.cert,
    ],
    { quiet: true },
  );
  const apiSans = [
    "IP:127.0.0.1",
    `IP:${NET.nodeIp}`,
    `IP:${NET.apiServiceIp}`,
    "DNS:localhost",
    "DNS:kubernetes",
    "DNS:kubernetes.default",
    "DNS:kubernetes.default.svc",
    "DNS:kubernetes.default.svc.cluster.local",
  ];
  await issue("apiserver", "/CN=kube-apiserver", apiSans, true);
  await issue("kubelet-serving", `/CN=${NODE_NAME}`, [`IP:${NET.nodeIp}`, `DNS:${NODE_NAME}`], true);
  for (const c of CLIENTS) {
    await issue(c.name, `${"o" in c ? `/O=${c.o}` : ""}/CN=${c.cn}`);
    if (c.name !== "apiserver-kubelet-client") kubeconfig(kubeconfigOf(c.name), c.name, pem(c.name));
  }
  await run(["openssl", "genrsa", "-out", join(PKI, "sa.key"), "2048"], { quiet: true });
  await run(["openssl", "rsa", "-in", join(PKI, "sa.key"), "-pubout", "-out", join(PKI, "sa.pub")], {
    quiet: true,
  });
}
