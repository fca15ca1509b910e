// kubectl and helm against the local cluster, from the host (the apiserver listens on the node's
// address, which the host reaches over the veth pair).
import { join } from "node:path";
import { BIN } from "./config.ts";
import { ADMIN_KUBECONFIG } from "./pki.ts";
import { probe, run } from "./sh.ts";
import { GO_TOOLS_BIN } from "../go-tools.ts";

export const KUBECTL = join(BIN, "kubernetes", "kubectl");
export const HELM = join(GO_TOOLS_BIN, "helm");
export const kubeEnv = { KUBECONFIG: ADMIN_KUBECONFIG };

export const kubectl = (args: string[], opts: { stdin?: string; quiet?: boolean } = {}) =>
  run([KUBECTL, ...args], { env: kubeEnv, quiet: opts.quiet ?? true, stdin: opts.stdin });
export const kubectlProbe = (args: string[]) =>
  probe(["env", `KUBECONFIG=${ADMIN_KUBECONFIG}`, KUBECTL, ...args]);
export const helm = (args: string[], cwd?: string) =>
  run([HELM, ...args], { env: kubeEnv, cwd, quiet: false });

/** Polls until check() is true; throws naming what it waited for. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await Bun.sleep(250);
  }
}
