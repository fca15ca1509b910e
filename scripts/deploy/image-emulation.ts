// Lays out what a Dockerfile would put in its image, without a Docker engine: each stage is a
// folder standing for its file system root, COPY honours .dockerignore, RUN runs the stage's own
// command with its absolute folders mapped into the stage's folder, and the final stage's ENV, CMD
// and HEALTHCHECK are returned to run. Covers the subset our Dockerfiles use (FROM oven/bun, with
// this machine's Bun of the same version standing in for the image's); not a general builder.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { dirname, isAbsolute, join, posix } from "node:path";
import { Glob } from "bun";
import { parseDockerfile } from "./dockerfile-policy.ts";

export interface EmulatedImage {
  /** The final stage's root folder; `workdir` inside it is where CMD runs. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
}

/** .dockerignore as a predicate over context-relative paths (a match on any parent excludes too). */
export function dockerIgnore(context: string): (path: string) => boolean {
  const file = join(context, ".dockerignore");
  const patterns = existsSync(file) ? readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")) : [];
  if (patterns.some((p) => p.startsWith("!"))) throw new Error(".dockerignore exceptions (!) are not emulated");
  const globs = patterns.map((p) => new Glob(p.replace(/^\/+|\/+$/g, "")));
  return (path) => {
    const parts = path.split("/");
    return parts.some((_, i) => globs.some((g) => g.match(parts.slice(0, i + 1).join("/"))));
  };
}

function copyFiltered(context: string, source: string, target: string, ignored: (p: string) => boolean): void {
  const from = join(context, source);
  if (ignored(source) && source !== ".") return;
  if (!statSync(from).isDirectory()) {
    mkdirSync(dirname(target), { recursive: true });
    cpSync(from, target);
    return;
  }
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(from)) {
    const rel = source === "." ? name : posix.join(source, name);
    if (!ignored(rel)) copyFiltered(context, rel, join(target, name), ignored);
  }
}

const jsonArray = (args: string) => JSON.parse(args.replace(/^CMD\s+/i, "")) as string[];

/** Runs the Dockerfile's stages into `scratch`; RUN output goes to `log`. Throws when a RUN fails. */
export async function emulateImage(context: string, dockerfile: string, scratch: string, log: (line: string) => void = () => {}): Promise<EmulatedImage> {
  const ignored = dockerIgnore(context);
  // `bun` on PATH is the running Bun (installed from npm as bun.exe), the image's own version.
  const bin = join(scratch, ".bin");
  mkdirSync(bin, { recursive: true });
  if (!existsSync(join(bin, "bun"))) symlinkSync(process.execPath, join(bin, "bun"));
  const stageRoots = new Map<string, string>();
  let root = "";
  let workdir = "/";
  let env: Record<string, string> = {};
  let cmd: string[] = [];
  let healthcheck: string[] = [];
  let index = 0;
  const inStage = (path: string) => join(root, posix.resolve(workdir, path));
  for (const { keyword, args } of parseDockerfile(readFileSync(isAbsolute(dockerfile) ? dockerfile : join(context, dockerfile), "utf8"))) {
    if (keyword === "FROM") {
      const [image, , name] = args.split(/\s+/);
      root = join(scratch, name ?? `stage-${index}`);
      index += 1;
      mkdirSync(root, { recursive: true });
      const parent = stageRoots.get(image!);
      if (parent) cpSync(parent, root, { recursive: true, verbatimSymlinks: true });
      workdir = "/";
      env = {};
      if (name) stageRoots.set(name, root);
    } else if (keyword === "WORKDIR") {
      workdir = posix.resolve(workdir, args);
      mkdirSync(join(root, workdir), { recursive: true });
    } else if (keyword === "ENV") {
      for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, "");
    } else if (keyword === "COPY") {
      const parts = args.split(/\s+/);
      const from = parts.find((p) => p.startsWith("--from="))?.slice("--from=".length);
      const [sources, target] = [parts.filter((p) => !p.startsWith("--")).slice(0, -1), parts.at(-1)!];
      for (const source of sources) {
        // As Docker does: a folder's contents go into the target; a file into it when it ends in "/".
        const path = from ? join(stageRoots.get(from)!, source) : join(context, source);
        const dest = inStage(!statSync(path).isDirectory() && target.endsWith("/") ? posix.join(target, posix.basename(source)) : target);
        if (from) cpSync(path, dest, { recursive: true, verbatimSymlinks: true });
        else copyFiltered(context, source.replace(/\/$/, "") || ".", dest, ignored);
      }
    } else if (keyword === "RUN") {
      // The stage's absolute folders (/src, /manifests, /app, ...) live under its root here.
      const command = args.replace(/--mount=\S+\s*/g, "").replace(/(^|[\s=])\/(?=[a-z])/g, `$1${root}/`);
      const child = Bun.spawn(["sh", "-c", command], { cwd: join(root, workdir), env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` }, stdout: "pipe", stderr: "pipe" });
      const output = (await new Response(child.stdout).text()) + (await new Response(child.stderr).text());
      log(output);
      if ((await child.exited) !== 0) throw new Error(`RUN ${args} failed:\n${output}`);
    } else if (keyword === "CMD") {
      cmd = jsonArray(args);
    } else if (keyword === "HEALTHCHECK") {
      healthcheck = jsonArray(args.slice(args.indexOf("CMD")));
    }
  }
  return { root, workdir: join(root, workdir), env, cmd, healthcheck };
}
