// Kubernetes from the Go module proxy (no git clone, no release download): the k8s.io/kubernetes
// module is copied out of the module cache, its `replace` lines to the absent staging/ folder are
// swapped for the published k8s.io/* modules of the same release, and the six binaries are built
// with CGO off. Cold: ~25 minutes of both cores; Go's build cache makes a rebuild quick.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { BIN, KUBE_BINARIES, SRC, VERSIONS } from "./config.ts";
import { run } from "./sh.ts";

/** The module's directory in the module cache, downloading it first when needed. */
export async function goModuleDir(module: string, version: string): Promise<string> {
  const json = JSON.parse(
    await run(["go", "mod", "download", "-json", `${module}@${version}`], { quiet: true }),
  ) as { Dir?: string; Error?: string };
  if (!json.Dir) throw new Error(`go mod download ${module}@${version}: ${json.Error ?? "no directory"}`);
  return json.Dir;
}

/** Copies a module out of the (read-only) module cache into a writable folder. */
export async function copyModule(module: string, version: string, dest: string): Promise<void> {
  const dir = await goModuleDir(module, version);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dirname(dest), { recursive: true });
  await run(["cp", "-r", dir, dest]);
  await run(["chmod", "-R", "u+w", dest]);
}

/** The staging modules go.mod replaces with ./staging/src/k8s.io/* paths. */
export function stagingModules(goMod: string): string[] {
  const block = goMod.match(/^replace \(\n([\s\S]*?)^\)/m)?.[1] ?? "";
  return block
    .split("\n")
    .filter((l) => l.includes("=>"))
    .map((l) => l.trim().split(/\s+/)[0] as string);
}

export async function buildKubernetes(): Promise<void> {
  const src = join(SRC, "kubernetes");
  await copyModule("k8s.io/kubernetes", VERSIONS.kubernetes, src);
  // vendor/ holds only OWNERS and go.work points at staging/, which the module zip does not carry.
  for (const f of ["vendor", "go.work", "go.work.sum"])
    rmSync(join(src, f), { recursive: true, force: true });
  const mods = stagingModules(await Bun.file(join(src, "go.mod")).text());
  if (mods.length < 20)
    throw new Error(`kubernetes go.mod: expected the staging replace block, found ${mods.length} modules`);
  await run(
    ["go", "mod", "edit", ...mods.flatMap((m) => [`-dropreplace=${m}`, `-require=${m}@${VERSIONS.staging}`])],
    { cwd: src },
  );
  const [major, minor] = VERSIONS.kubernetes.slice(1).split(".");
  const pkg = "k8s.io/component-base/version";
  const ldflags = [
    "-s -w",
    `-X ${pkg}.gitVersion=${VERSIONS.kubernetes}`,
    `-X ${pkg}.gitMajor=${major}`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitTreeState=clean`,
    `-X ${pkg}.buildDate=1970-01-01T00:00:00Z`,
  ].join(" ");
  const out = join(BIN, "kubernetes");
  // One `go build` for all six: one package graph, compiled once, written to the folder.
  await run(
    [
      "go",
      "build",
      "-trimpath",
      "-ldflags",
      ldflags,
      "-o",
      `${out}/`,
      ...KUBE_BINARIES.map((b) => `./cmd/${b}`),
    ],
    {
      cwd: src,
      nice: true,
      env: { CGO_ENABLED: "0", GOFLAGS: "-mod=mod -p=2" },
    },
  );
  for (const b of KUBE_BINARIES)
    if (!existsSync(join(out, b))) throw new Error(`kubernetes build: ${b} missing in ${out}`);
  rmSync(src, { recursive: true, force: true });
}
