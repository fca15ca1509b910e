// The Go-built parts besides Kubernetes: Dapr's control plane and daprd (from the dapr module,
// -tags stablecomponents, like scripts/infra/dapr/build.sh) and CoreDNS (go install).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, CERT_MANAGER_COMMANDS, CLUSTER_HOME, DAPR_COMMANDS, SRC, VERSIONS } from "./config.ts";
import { copyModule, goModuleDir } from "./build-kubernetes.ts";
import { run } from "./sh.ts";

export async function buildDapr(): Promise<void> {
  const src = join(SRC, "dapr");
  await copyModule("github.com/dapr/dapr", `v${VERSIONS.dapr}`, src);
  const v = VERSIONS.dapr;
  const ldflags = `-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${v} -X github.com/dapr/kit/logger.DaprVersion=${v}`;
  const out = join(BIN, "dapr");
  mkdirSync(out, { recursive: true });
  await run(
    [
      "go",
      "build",
      "-tags",
      "stablecomponents",
      "-trimpath",
      "-ldflags",
      ldflags,
      "-o",
      `${out}/`,
      ...DAPR_COMMANDS.map((c) => `./cmd/${c}`),
    ],
    { cwd: src, nice: true, env: { CGO_ENABLED: "0", GOFLAGS: "-p=2 -buildvcs=false" } },
  );
  for (const c of DAPR_COMMANDS)
    if (!existsSync(join(out, c))) throw new Error(`dapr build: ${c} missing in ${out}`);
  rmSync(src, { recursive: true, force: true });
}

/** `go install` of a command at a version into `gobin` (modules without `replace` lines). */
const goInstall = (pkg: string, gobin: string) =>
  run(["go", "install", "-trimpath", "-ldflags", "-s -w", pkg], {
    nice: true,
    env: { GOBIN: gobin, CGO_ENABLED: "0", GOFLAGS: "-p=2" },
  });

export async function buildCoreDns(): Promise<void> {
  await goInstall(`github.com/coredns/coredns@${VERSIONS.coredns}`, BIN);
}

/** Where the Dapr chart and CRDs are: inside the dapr module in Go's module cache. */
export async function daprChartDir(): Promise<string> {
  return join(await goModuleDir("github.com/dapr/dapr", `v${VERSIONS.dapr}`), "charts", "dapr");
}

/** Builds main packages from a module copied out of the cache (modules with `replace` lines cannot be `go install`ed). */
async function buildFromModule(
  module: string,
  version: string,
  packages: string[],
  out: string,
  ldflags = "-s -w",
): Promise<void> {
  const src = join(SRC, module.split("/").slice(1, 3).join("-"));
  await copyModule(module, version, src);
  mkdirSync(out, { recursive: true });
  await run(["go", "build", "-trimpath", "-ldflags", ldflags, "-o", `${out}/`, ...packages], {
    cwd: src,
    nice: true,
    env: { CGO_ENABLED: "0", GOFLAGS: "-mod=mod -p=2 -buildvcs=false" },
  });
  rmSync(src, { recursive: true, force: true });
}

export async function buildTraefik(): Promise<void> {
  const v = VERSIONS.traefik;
  await buildFromModule(
    "github.com/traefik/traefik/v3",
    v,
    ["./cmd/traefik"],
    join(BIN, "traefik"),
    `-s -w -X github.com/traefik/traefik/v3/pkg/version.Version=${v}`,
  );
}

export async function buildCertManager(): Promise<void> {
  const v = VERSIONS.certManager;
  const ldflags = `-s -w -X github.com/cert-manager/cert-manager/pkg/util.AppVersion=${v}`;
  await buildFromModule(
    "github.com/cert-manager/cert-manager",
    v,
    CERT_MANAGER_COMMANDS.map((c) => `./cmd/${c}`),
    join(BIN, "cert-manager"),
    ldflags,
  );
  for (const c of CERT_MANAGER_COMMANDS)
    if (!existsSync(join(BIN, "cert-manager", c))) throw new Error(`cert-manager build: ${c} missing`);
  await writeCertManagerChart();
}

export async function buildPebble(): Promise<void> {
  await goInstall(`github.com/letsencrypt/pebble/v2/cmd/pebble@${VERSIONS.pebble}`, join(BIN, "pebble"));
}

/** The Pebble module's test certificates: its ACME endpoint's certificate (names localhost and pebble) and the CA that signed it. */
export async function pebbleTestCerts(): Promise<string> {
  return join(await goModuleDir("github.com/letsencrypt/pebble/v2", VERSIONS.pebble), "test", "certs");
}

/** Where the installable cert-manager chart is written (docs/deploy.md installs it from here). */
export const CERT_MANAGER_CHART = join(CLUSTER_HOME, "charts", "cert-manager");

/**
 * cert-manager's chart as its release tool makes it from the module's deploy/ folder: Chart.yaml from
 * Chart.template.yaml with the version filled in, and the CRDs as one template behind `installCRDs`.
 */
async function writeCertManagerChart(): Promise<void> {
  const deploy = join(
    await goModuleDir("github.com/cert-manager/cert-manager", VERSIONS.certManager),
    "deploy",
  );
  rmSync(CERT_MANAGER_CHART, { recursive: true, force: true });
  mkdirSync(join(CERT_MANAGER_CHART, ".."), { recursive: true });
  cpSync(join(deploy, "charts", "cert-manager"), CERT_MANAGER_CHART, { recursive: true });
  await run(["chmod", "-R", "u+w", CERT_MANAGER_CHART]);
  const v = VERSIONS.certManager;
  const chart = readFileSync(join(CERT_MANAGER_CHART, "Chart.template.yaml"), "utf8")
    .replace(/^version: .*$/m, `version: ${v}`)
    .replace(/^appVersion: .*$/m, `appVersion: ${v}`)
    .replace("{{IS_PRERELEASE}}", "false");
  writeFileSync(join(CERT_MANAGER_CHART, "Chart.yaml"), chart);
  rmSync(join(CERT_MANAGER_CHART, "Chart.template.yaml"));
  const crds = readdirSync(join(deploy, "crds"))
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const body = crds.map((f) => readFileSync(join(deploy, "crds", f), "utf8").trim()).join("\n---\n");
  writeFileSync(
    join(CERT_MANAGER_CHART, "templates", "crds.yaml"),
    `{{- if .Values.installCRDs }}\n${body}\n{{- end }}\n`,
  );
}
