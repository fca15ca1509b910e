// `cluster images`: the project's four images from its real Dockerfiles, unedited, on the local
// stand-in of oven/bun (see build-images.ts), saved under IMAGES and loaded into the node's
// containerd when it runs. buildah 1.28 cannot parse the Dockerfile's last line
// `FROM service-${SERVICE:?}` ("Unsupported modifier (?)"), so the back-end images are built with
// `--target service-<name>`: the same stage BuildKit picks, and no change to the Dockerfile.
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { SRC } from "./config.ts";
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
  const excludes = ["./.git", "*/node_modules", "./node_modules", "*/.data", "./.data"].map((e) => `--exclude=${e}`);
  await run(["sh", "-c", `tar ${excludes.join(" ")} -cf - . | tar -C '${dir}' -xf -`], { cwd: REPO_ROOT });
  return dir;
}

export async function buildProjectImages(opts: { tag?: string; only?: Service[] } = {}): Promise<Record<string, number>> {
  const tag = opts.tag ?? "local";
  const services = opts.only ?? [...SERVICES];
  const ctx = await buildContext();
  const times: Record<string, number> = {};
  for (const s of services) {
    const started = performance.now();
    const args = s === "site"
      ? ["-f", "site/Dockerfile"]
      : ["-f", "services/Dockerfile", "--build-arg", `SERVICE=${s}`, "--target", `service-${s}`];
    await run(["podman", "build", "--pull=never", "--format", "docker", ...args, "-t", projectImage(s, tag), "."], { cwd: ctx, nice: true });
    await saveImage(projectImage(s, tag), `app-${s}-${tag}`);
    times[s] = Number(seconds(started));
    console.log(`cluster images: ${projectImage(s, tag)} built and saved in ${times[s]} s`);
  }
  if (pidOf("containerd")) await loadImages(services.map((s) => `app-${s}-${tag}`));
  return times;
}
