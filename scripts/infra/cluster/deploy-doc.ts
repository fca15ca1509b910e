// The documented commands (docs/deploy.md, between the cluster-deploy markers), run as written: the
// cluster tier proves the document rather than a private copy of it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { BIN } from "./config.ts";
import { HELM } from "./kube.ts";
import { ADMIN_KUBECONFIG } from "./pki.ts";
import { REPO_ROOT } from "./project-images.ts";
import { run } from "./sh.ts";

export function documentedDeploy(): string {
  const doc = readFileSync(join(REPO_ROOT, "docs", "deploy.md"), "utf8");
  const block = doc.split("<!-- cluster-deploy:begin -->")[1]?.split("<!-- cluster-deploy:end -->")[0];
  const script = block?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!script) throw new Error("docs/deploy.md: no ```sh block between the cluster-deploy markers");
  return script;
}

/** Runs the documented commands with kubectl and helm on PATH, as `cluster env` sets them. */
export async function runDocumentedDeploy(): Promise<void> {
  const path = [join(BIN, "kubernetes"), dirname(HELM), process.env.PATH].join(":");
  await run(["bash", "-euo", "pipefail", "-c", documentedDeploy()], {
    cwd: REPO_ROOT,
    env: { KUBECONFIG: ADMIN_KUBECONFIG, PATH: path },
    quiet: false,
  });
}
