// What a person's browser sees at the cluster's front door: the site at https://todo.local.test/
// through Traefik, with the certificate cert-manager got from Pebble over ACME. Pebble makes a new
// root CA at every start and serves it (and its intermediate) on its management port; a chain is
// verified against that root, never accepted blindly.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NET, SITE_HOST } from "./config.ts";
import { pebbleTestCerts } from "./build-go.ts";
import { kubectl } from "./kube.ts";
import { run } from "./sh.ts";

export const SITE_URL = `https://${SITE_HOST}`;
/** Chromium on the host resolves the site's name to the node, as DNS would in the cloud. */
export const HOST_RESOLVER_RULE = `MAP ${SITE_HOST} ${NET.nodeIp}`;

/** Pebble's current root and intermediate, read from its management API over HTTPS checked against the module's test CA. */
export async function pebbleChain(): Promise<{ root: string; intermediate: string }> {
  const ip = (
    await kubectl(["-n", "cert-manager", "get", "svc", "pebble", "-o", "jsonpath={.spec.clusterIP}"])
  ).trim();
  const ca = join(await pebbleTestCerts(), "pebble.minica.pem");
  const get = (path: string) =>
    run(["curl", "-sSf", "--cacert", ca, "--resolve", `pebble:15000:${ip}`, `https://pebble:15000${path}`], {
      quiet: true,
    });
  return { root: await get("/roots/0"), intermediate: await get("/intermediates/0") };
}

export interface SiteCertificate {
  httpStatus: number;
  verified: boolean;
  issuer: string;
  names: string;
}

/** Fetches the site through the ingress, verifying its chain against Pebble's root; and reads the certificate served. */
export async function siteCertificate(root: string): Promise<SiteCertificate> {
  const dir = mkdtempSync(join(tmpdir(), "site-tls-"));
  try {
    writeFileSync(join(dir, "root.pem"), root);
    const resolve = `${SITE_HOST}:443:${NET.nodeIp}`;
    const out = await run(
      [
        "curl",
        "-sS",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code} %{ssl_verify_result}",
        "--cacert",
        join(dir, "root.pem"),
        "--resolve",
        resolve,
        `${SITE_URL}/`,
      ],
      { quiet: true },
    );
    const [status, verify] = out.trim().split(" ");
    // Pebble's certificates have an empty subject: the name is in the SAN.
    const served = await run(
      [
        "sh",
        "-c",
        `openssl s_client -connect ${NET.nodeIp}:443 -servername ${SITE_HOST} </dev/null 2>/dev/null | openssl x509 -noout -issuer -ext subjectAltName`,
      ],
      { quiet: true },
    );
    const lines = served.split("\n").map((l) => l.trim());
    return {
      httpStatus: Number(status),
      verified: verify === "0",
      issuer:
        lines
          .find((l) => l.startsWith("issuer="))
          ?.slice(7)
          .trim() ?? "",
      names: lines.find((l) => l.includes("DNS:")) ?? "",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The base64 SHA-256 of a certificate's public key, as Chromium's --ignore-certificate-errors-spki-list takes it. */
export async function spkiHash(pem: string): Promise<string> {
  const cmd =
    "openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64";
  return (await run(["sh", "-c", cmd], { stdin: pem, quiet: true })).trim();
}
