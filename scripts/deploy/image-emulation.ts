// Lays out what a Dockerfile would put in its image, without a Docker engine: each stage the
// final one needs is a folder standing for its file system root, COPY honours .dockerignore, RUN
// runs the stage's own command (with its ARG and ENV values) with its absolute folders mapped into
// the stage's folder, and the final image's ENV, CMD and HEALTHCHECK are returned to run. Build
// arguments and ${VAR} substitution follow dockerfile-stages.ts. Covers the subset our Dockerfiles
// use (FROM oven/bun, with this machine's Bun of the same version standing in for the image's);
// not a general builder.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { dirname, isAbsolute, join, posix } from "node:path";
import { Glob } from "bun";
import { resolveDockerfile } from "./dockerfile-stages.ts";

export interface EmulatedImage {
  /** The final stage's root folder; `workdir` inside it is where CMD runs. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
}

export interface EmulateOptions {
  /** `docker build --build-arg` values. */
  buildArgs?: Record<string, string>;
  /** Receives each RUN's output. */
  log?: (output: string) => void;
}

/** .dockerignore as a predicate over context-relative paths (a match on any parent excludes too). */
export function dockerIgnore(context: string): (path: string) => boolean {
  const file = join(context, ".dockerignore");
  const patterns = existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#"))
    : [];
  if (patterns.some((p) => p.startsWith("!")))
    throw new Error(".dockerignore exceptions (!) are not emulated");
  const globs = patterns.map((p) => new Glob(p.replace(/^\/+|\/+$/g, "")));
  return (path) => {
    const parts = path.split("/");
    return parts.some((_, i) => globs.some((g) => g.match(parts.slice(0, i + 1).join("/"))));
  };
}

function copyFiltered(
  context: string,
  source: string,
  target: string,
  ignored: (p: string) => boolean,
): void {
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

/**
 * Builds the Dockerfile's final stage into `scratch`. Like BuildKit, it checks every FROM before
 * it runs anything: a missing build argument or a base that is neither a stage nor oven/bun
 * throws at once. Throws when a RUN fails.
 */
export async function emulateImage(
  context: string,
  dockerfile: string,
  scratch: string,
  options: EmulateOptions = {},
): Promise<EmulatedImage> {
  const text = readFileSync(isAbsolute(dockerfile) ? dockerfile : join(context, dockerfile), "utf8");
  const { target, needed } = resolveDockerfile(text, options.buildArgs);
  for (const stage of needed) {
    if (!stage.parent && !/^oven\/bun:/.test(stage.base)) {
      throw new Error(
        `line ${stage.line}: FROM ${stage.base}: no stage of that name, and the only image emulated is oven/bun`,
      );
    }
  }
  const ignored = dockerIgnore(context);
  // `bun` on PATH is the running Bun (installed from npm as bun.exe), the image's own version.
  const bin = join(scratch, ".bin");
  mkdirSync(bin, { recursive: true });
  if (!existsSync(join(bin, "bun"))) symlinkSync(process.execPath, join(bin, "bun"));
  const roots = new Map<number, string>();
  for (const stage of needed) {
    const root = join(scratch, stage.name ?? `stage-${stage.index}`);
    roots.set(stage.index, root);
    mkdirSync(root, { recursive: true });
    if (stage.parent)
      cpSync(roots.get(stage.parent.index)!, root, { recursive: true, verbatimSymlinks: true });
    mkdirSync(join(root, stage.config.workdir), { recursive: true });
    const inStage = (path: string, workdir: string) => join(root, posix.resolve(workdir, path));
    for (const { keyword, args, vars, workdir } of stage.instructions) {
      if (keyword === "WORKDIR") {
        mkdirSync(join(root, workdir), { recursive: true });
      } else if (keyword === "COPY") {
        const parts = args.split(/\s+/);
        const fromName = parts.find((p) => p.startsWith("--from="))?.slice("--from=".length);
        const from =
          fromName === undefined
            ? undefined
            : needed.find((s) => s.name === fromName.toLowerCase() || String(s.index) === fromName);
        if (fromName !== undefined && !from)
          throw new Error(`COPY --from=${fromName}: no such stage (images are not emulated)`);
        const [sources, dest] = [parts.filter((p) => !p.startsWith("--")).slice(0, -1), parts.at(-1)!];
        for (const source of sources) {
          // As Docker does: a folder's contents go into the target; a file into it when it ends in "/".
          const path = from ? join(roots.get(from.index)!, source) : join(context, source);
          const into = inStage(
            !statSync(path).isDirectory() && dest.endsWith("/")
              ? posix.join(dest, posix.basename(source))
              : dest,
            workdir,
          );
          if (from) cpSync(path, into, { recursive: true, verbatimSymlinks: true });
          else copyFiltered(context, source.replace(/\/$/, "") || ".", into, ignored);
        }
      } else if (keyword === "RUN") {
        // The stage's absolute folders (/src, /manifests, /app, ...) live under its root here.
        const command = args.replace(/--mount=\S+\s*/g, "").replace(/(^|[\s=])\/(?=[a-z])/g, `$1${root}/`);
        const child = Bun.spawn(["sh", "-c", command], {
          cwd: join(root, workdir),
          env: { ...process.env, ...vars, PATH: `${bin}:${process.env.PATH}` },
          stdout: "pipe",
          stderr: "pipe",
        });
        const output = (await new Response(child.stdout).text()) + (await new Response(child.stderr).text());
        options.log?.(output);
        if ((await child.exited) !== 0) throw new Error(`RUN ${args} failed:\n${output}`);
      }
    }
  }
  const { env, cmd, healthcheck, workdir } = target.config;
  return {
    root: roots.get(target.index)!,
    workdir: join(roots.get(target.index)!, workdir),
    env,
    cmd,
    healthcheck,
  };
}
