// The node's configuration files and each component's command line, written under RUN/conf. The
// settings that this VM needs and a stock install would not: containerd's restrict_oom_score_adj
// (root lacks CAP_SYS_RESOURCE, so the sandbox's oom_score_adj -998 would fail in runc init), the
// kubelet's cgroupfs driver with failCgroupV1 false (cgroup v1 per controller here), no conntrack
// sysctls for kube-proxy (read-only here), and the apiserver reaching the kubelet by address.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, NET, NODE_NAME, RUN } from "./config.ts";
import { PAUSE_IMAGE } from "./build-images.ts";
import { kubeconfigOf, pem, PKI } from "./pki.ts";

export const CONF = join(RUN, "conf");
export const CONTAINERD_SOCK = join(RUN, "containerd", "containerd.sock");
export const CNI_CONF_DIR = join(CONF, "cni");
const k8s = (b: string) => join(BIN, "kubernetes", b);

/** Writes the node's configuration files under CONF (their text comes from the functions below). */
export function writeNodeConfig(): void {
  mkdirSync(CNI_CONF_DIR, { recursive: true });
  for (const [path, text] of Object.entries(nodeConfigFiles())) writeFileSync(path, text);
}

/** Each configuration file's path and text, in the order they are written. */
export function nodeConfigFiles(): Record<string, string> {
  return {
    [join(CONF, "containerd.toml")]: containerdConfig(),
    [join(CNI_CONF_DIR, "10-bridge.conflist")]: cniBridgeConfig(),
    [join(CONF, "kubelet.yaml")]: kubeletConfig(),
    [join(CONF, "kube-proxy.yaml")]: kubeProxyConfig(),
  };
}

/** containerd: the CRI socket, runc without systemd cgroups, and restrict_oom_score_adj. */
export function containerdConfig(): string {
  return `version = 2
root = "${join(RUN, "containerd", "root")}"
state = "${join(RUN, "containerd", "state")}"
[grpc]
  address = "${CONTAINERD_SOCK}"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${PAUSE_IMAGE}"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${CNI_CONF_DIR}"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
      SystemdCgroup = false
`;
}

/** The pod network: one bridge with host-local addresses from the pod CIDR, and port mappings. */
export function cniBridgeConfig(): string {
  return JSON.stringify(
    {
      cniVersion: "1.0.0",
      name: "k8s-pod-network",
      plugins: [
        {
          type: "bridge",
          bridge: "cni0",
          isGateway: true,
          ipMasq: true,
          hairpinMode: true,
          ipam: {
            type: "host-local",
            dataDir: join(RUN, "cni", "ipam"),
            ranges: [[{ subnet: NET.podCidr }]],
            routes: [{ dst: "0.0.0.0/0" }],
          },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  );
}

/** The kubelet: cgroupfs on cgroup v1, webhook auth, and eviction that never fires for disk. */
export function kubeletConfig(): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: ${pem("ca").cert} }
authorization: { mode: Webhook }
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://${CONTAINERD_SOCK}
clusterDomain: cluster.local
clusterDNS: [${NET.dnsServiceIp}]
tlsCertFile: ${pem("kubelet-serving").cert}
tlsPrivateKeyFile: ${pem("kubelet-serving").key}
# The disk is shared with other work: never evict the project's pods for it.
evictionHard: { memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%" }
imageGCHighThresholdPercent: 100
serializeImagePulls: false
`;
}

/** kube-proxy in iptables mode, leaving the (read-only) conntrack sysctls alone. */
export function kubeProxyConfig(): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clusterCIDR: ${NET.podCidr}
hostnameOverride: ${NODE_NAME}
clientConnection: { kubeconfig: ${kubeconfigOf("kube-proxy")} }
conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s }
`;
}

/** Each daemon in start order, with its command line (all run in the node's network namespace). */
export function daemons(): { name: string; argv: string[] }[] {
  return [
    { name: "etcd", argv: etcdArgv() },
    { name: "containerd", argv: ["containerd", "--config", join(CONF, "containerd.toml")] },
    { name: "kube-apiserver", argv: apiserverArgv() },
    { name: "kube-controller-manager", argv: controllerManagerArgv() },
    { name: "kube-scheduler", argv: schedulerArgv() },
    { name: "kubelet", argv: kubeletArgv() },
    { name: "kube-proxy", argv: [k8s("kube-proxy"), `--config=${join(CONF, "kube-proxy.yaml")}`] },
  ];
}

/** etcd on loopback only: the apiserver is its one client. */
function etcdArgv(): string[] {
  return [
    "etcd",
    "--name",
    NODE_NAME,
    "--data-dir",
    join(RUN, "etcd"),
    "--listen-client-urls",
    "http://127.0.0.1:2379",
    "--advertise-client-urls",
    "http://127.0.0.1:2379",
    "--listen-peer-urls",
    "http://127.0.0.1:2380",
    "--initial-advertise-peer-urls",
    "http://127.0.0.1:2380",
    "--initial-cluster",
    `${NODE_NAME}=http://127.0.0.1:2380`,
  ];
}

/** The apiserver: client certificates, service accounts, RBAC, and the kubelet reached by address. */
function apiserverArgv(): string[] {
  const ca = pem("ca");
  return [
    k8s("kube-apiserver"),
    "--etcd-servers=http://127.0.0.1:2379",
    `--advertise-address=${NET.nodeIp}`,
    "--secure-port=6443",
    `--service-cluster-ip-range=${NET.serviceCidr}`,
    `--client-ca-file=${ca.cert}`,
    `--tls-cert-file=${pem("apiserver").cert}`,
    `--tls-private-key-file=${pem("apiserver").key}`,
    `--kubelet-client-certificate=${pem("apiserver-kubelet-client").cert}`,
    `--kubelet-client-key=${pem("apiserver-kubelet-client").key}`,
    `--kubelet-certificate-authority=${ca.cert}`,
    "--kubelet-preferred-address-types=InternalIP",
    `--service-account-key-file=${join(PKI, "sa.pub")}`,
    `--service-account-signing-key-file=${join(PKI, "sa.key")}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    "--authorization-mode=Node,RBAC",
    "--enable-admission-plugins=NodeRestriction",
    "--allow-privileged=true",
  ];
}

/** The controller manager signs cluster certificates with the CA; one node, no leader election. */
function controllerManagerArgv(): string[] {
  const ca = pem("ca");
  return [
    k8s("kube-controller-manager"),
    `--kubeconfig=${kubeconfigOf("controller-manager")}`,
    `--authentication-kubeconfig=${kubeconfigOf("controller-manager")}`,
    `--authorization-kubeconfig=${kubeconfigOf("controller-manager")}`,
    `--cluster-signing-cert-file=${ca.cert}`,
    `--cluster-signing-key-file=${ca.key}`,
    `--root-ca-file=${ca.cert}`,
    `--service-account-private-key-file=${join(PKI, "sa.key")}`,
    "--use-service-account-credentials=true",
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
  ];
}

/** The scheduler: one node, no leader election. */
function schedulerArgv(): string[] {
  return [
    k8s("kube-scheduler"),
    `--kubeconfig=${kubeconfigOf("scheduler")}`,
    `--authentication-kubeconfig=${kubeconfigOf("scheduler")}`,
    `--authorization-kubeconfig=${kubeconfigOf("scheduler")}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
  ];
}

/** The kubelet with its config file, on the node's address. */
function kubeletArgv(): string[] {
  return [
    k8s("kubelet"),
    `--config=${join(CONF, "kubelet.yaml")}`,
    `--kubeconfig=${kubeconfigOf("kubelet")}`,
    `--hostname-override=${NODE_NAME}`,
    `--node-ip=${NET.nodeIp}`,
    `--root-dir=${join(RUN, "kubelet")}`,
  ];
}
