// The Go-built parts besides Kubernetes: Dapr's control plane and daprd (from the dapr module,
// -tags stablecomponents, like scripts/infra/dapr/build.sh) and CoreDNS (go install).
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BIN, DAPR_COMMANDS, SRC, VERSIONS } from "./config.ts";
import { copyModule } from "./build-kubernetes.ts";
import { run } from "./sh.ts";

export async function buildDapr(): Promise<void> {
  const src = join(SRC, "dapr");
  await copyModule("github.com/dapr/dapr", `v${VERSIONS.dapr}`, src);
  const v = VERSIONS.dapr;
  const ldflags = `-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${v} -X github.com/dapr/kit/logger.DaprVersion=${v}`;
  const out = join(BIN, "dapr");
  mkdirSync(out, { recursive: true });
  await run(
    ["go", "build", "-tags", "stablecomponents", "-trimpath", "-ldflags", ldflags, "-o", `${out}/`, ...DAPR_COMMANDS.map((c) => `./cmd/${c}`)],
    { cwd: src, nice: true, env: { CGO_ENABLED: "0", GOFLAGS: "-p=2 -buildvcs=false" } },
  );
  for (const c of DAPR_COMMANDS) if (!existsSync(join(out, c))) throw new Error(`dapr build: ${c} missing in ${out}`);
  rmSync(src, { recursive: true, force: true });
}

export async function buildCoreDns(): Promise<void> {
  await run(["go", "install", "-trimpath", "-ldflags", "-s -w", `github.com/coredns/coredns@${VERSIONS.coredns}`], {
    nice: true,
    env: { GOBIN: BIN, CGO_ENABLED: "0", GOFLAGS: "-p=2" },
  });
}

/** Where the Dapr chart and CRDs are: inside the dapr module in Go's module cache. */
export async function daprChartDir(): Promise<string> {
  const { goModuleDir } = await import("./build-kubernetes.ts");
  return join(await goModuleDir("github.com/dapr/dapr", `v${VERSIONS.dapr}`), "charts", "dapr");
}
