// `cluster images`: the project's four images from its real Dockerfiles, unedited, on the local
// stand-in of oven/bun (see build-images.ts), saved under IMAGES and loaded into the node's
// containerd when it runs. buildah 1.28 cannot parse the Dockerfile's last line
// `FROM service-${SERVICE:?}` ("Unsupported modifier (?)"), so the back-end images are built with
// `--target service-<name>`: the same stage BuildKit picks, and no change to the Dockerfile.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { IMAGES, SRC } from "./config.ts";
import { saveImage } from "./build-images.ts";
import { loadImages } from "./containerd-images.ts";
import { pidOf } from "./daemons.ts";
import { run, seconds } from "./sh.ts";

export const REPO_ROOT = resolve(import.meta.dir, "..", "..", "..");
export const SERVICES = ["backend", "recurring", "notifier", "site"] as const;
export type Service = (typeof SERVICES)[number];
export const projectImage = (s: Service, tag = "local") => `docker.io/library/chat-todo-${s}:${tag}`;

/** A copy of the working tree without installed modules, local data or git (a small build context). */
async function buildContext(): Promise<string> {
  const dir = join(SRC, "app-src");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const excludes = ["./.git", "*/node_modules", "./node_modules", "*/.data", "./.data"].map(
    (e) => `--exclude=${e}`,
  );
  await run(["sh", "-c", `tar ${excludes.join(" ")} -cf - . | tar -C '${dir}' -xf -`], { cwd: REPO_ROOT });
  return dir;
}

/** What each image is built from (its Dockerfile's COPY lines): changing anything here rebuilds it. */
const INPUTS: Record<Service, string[]> = {
  backend: ["services/Dockerfile", "services/backend"],
  recurring: ["services/Dockerfile", "services/recurring"],
  notifier: ["services/Dockerfile", "services/notifier"],
  site: ["site"],
};
const SHARED_INPUTS = [
  ".dockerignore",
  "package.json",
  "package-lock.json",
  "schemas",
  "messaging",
  "service-kit",
  "services/backend/package.json",
  "services/recurring/package.json",
  "services/notifier/package.json",
  "site/package.json",
];
const BUILT_OUTPUTS = /(^|\/)(node_modules|\.data|\.test-data|dist)\//;

/**
 * A hash of the files an image is built from, as git sees the working tree (tracked and untracked,
 * ignored files left out): the same sources give the same hash on any machine.
 */
export function imageInputsHash(service: Service, root = REPO_ROOT): string {
  const paths = [...SHARED_INPUTS, ...INPUTS[service]];
  const listed = Bun.spawnSync(["git", "ls-files", "-z", "-c", "-o", "--exclude-standard", "--", ...paths], {
    cwd: root,
    stdout: "pipe",
  });
  if (listed.exitCode !== 0) throw new Error(`git ls-files failed in ${root}`);
  const files = [
    ...new Set(
      listed.stdout
        .toString()
        .split("\0")
        .filter((f) => f && !BUILT_OUTPUTS.test(f)),
    ),
  ].sort();
  const hasher = new Bun.CryptoHasher("sha256");
  for (const file of files) {
    const path = join(root, file);
    if (!existsSync(path)) continue; // deleted in the working tree, not yet in git
    hasher.update(`${file}\0`);
    hasher.update(readFileSync(path));
  }
  return hasher.digest("hex");
}

const inputsFile = (s: Service, tag: string) => join(IMAGES, `app-${s}-${tag}.inputs`);

/** Whether a service's saved image is missing or was built from sources other than those hashed. */
function isStale(s: Service, tag: string, hash: string): boolean {
  const saved = inputsFile(s, tag);
  return (
    !existsSync(join(IMAGES, `app-${s}-${tag}.tar`)) ||
    !existsSync(saved) ||
    readFileSync(saved, "utf8") !== hash
  );
}

/** The services whose saved image is missing or was built from other sources than the working tree's. */
export function staleImages(tag = "local"): Service[] {
  return SERVICES.filter((s) => isStale(s, tag, imageInputsHash(s)));
}

/**
 * Rebuilds the images whose sources changed since they were built (what `npm test`'s prepare step,
 * `cluster build` and the cluster tests each need before a deploy); returns each rebuilt one's time.
 */
export async function refreshProjectImages(opts: { quiet?: boolean } = {}): Promise<Record<string, number>> {
  const hashes = Object.fromEntries(SERVICES.map((s) => [s, imageInputsHash(s)])) as Record<Service, string>;
  const stale = SERVICES.filter((s) => isStale(s, "local", hashes[s]));
  return stale.length ? buildProjectImages({ only: stale, quiet: opts.quiet, hashes }) : {};
}

/** Builds and saves the images (all four, or `only`); `quiet` keeps podman's output unless a build fails. */
export async function buildProjectImages(
  opts: { tag?: string; only?: Service[]; quiet?: boolean; hashes?: Partial<Record<Service, string>> } = {},
): Promise<Record<string, number>> {
  const tag = opts.tag ?? "local";
  const services = opts.only ?? [...SERVICES];
  // Hashed before the copy is taken: an edit during the build makes the image stale, not fresh.
  const hashes = Object.fromEntries(services.map((s) => [s, opts.hashes?.[s] ?? imageInputsHash(s)]));
  const ctx = await buildContext();
  const times: Record<string, number> = {};
  for (const s of services) {
    const started = performance.now();
    const args =
      s === "site"
        ? ["-f", "site/Dockerfile"]
        : ["-f", "services/Dockerfile", "--build-arg", `SERVICE=${s}`, "--target", `service-${s}`];
    await run(
      ["podman", "build", "--pull=never", "--format", "docker", ...args, "-t", projectImage(s, tag), "."],
      { cwd: ctx, nice: true, quiet: opts.quiet },
    );
    await saveImage(projectImage(s, tag), `app-${s}-${tag}`);
    writeFileSync(inputsFile(s, tag), hashes[s] as string);
    times[s] = Number(seconds(started));
    console.log(`cluster images: ${projectImage(s, tag)} built and saved in ${times[s]} s`);
  }
  if (pidOf("containerd")) await loadImages(services.map((s) => `app-${s}-${tag}`));
  return times;
}
