// Loading the image archives under IMAGES into the node's containerd (namespace k8s.io, where the
// kubelet looks). An archive is imported again only when it changed since its last import.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IMAGES, RUN } from "./config.ts";
import { CONTAINERD_SOCK } from "./node-config.ts";
import { run } from "./sh.ts";

export const ctr = (args: string[], quiet = true) =>
  run(["ctr", "--address", CONTAINERD_SOCK, "-n", "k8s.io", ...args], { quiet });
const IMPORTED = join(RUN, "imported");
// Build-time bases: the project's images are built on them, no pod runs them.
const NOT_FOR_THE_NODE = ["bun-base"];

/** Imports every archive (or only the named ones) that is new or changed; returns the names imported. */
export async function loadImages(only?: string[]): Promise<string[]> {
  if (!existsSync(IMAGES)) return [];
  mkdirSync(IMPORTED, { recursive: true });
  const done: string[] = [];
  for (const file of readdirSync(IMAGES).filter((f) => f.endsWith(".tar"))) {
    const name = file.slice(0, -4);
    if ((only && !only.includes(name)) || NOT_FOR_THE_NODE.includes(name)) continue;
    const mtime = String(statSync(join(IMAGES, file)).mtimeMs);
    const marker = join(IMPORTED, name);
    if (existsSync(marker) && readFileSync(marker, "utf8") === mtime) continue;
    await ctr(["images", "import", join(IMAGES, file)]);
    writeFileSync(marker, mtime);
    done.push(name);
  }
  return done;
}
