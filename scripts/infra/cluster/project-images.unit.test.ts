import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { imageInputsHash } from "./project-images.ts";

/** A small git working tree shaped like the repository, with the given files. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "image-inputs-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
  Bun.spawnSync(["git", "init", "-q"], { cwd: dir });
  Bun.spawnSync(["git", "add", "-A"], { cwd: dir });
  return dir;
}

const files = {
  "package.json": "{}",
  "services/Dockerfile": "FROM x",
  "services/backend/src/main.ts": "backend",
  "services/notifier/src/main.ts": "notifier",
  "messaging/src/relay.ts": "relay",
  "service-kit/src/start-service.ts": "start",
  "site/src/page.ts": "page",
};

describe("the cluster tier rebuilds an image only when what it is built from changed", () => {
  test("editing a service's source changes its image's hash and no other service's", () => {
    const dir = tree(files);
    const before = {
      backend: imageInputsHash("backend", dir),
      notifier: imageInputsHash("notifier", dir),
      site: imageInputsHash("site", dir),
    };
    writeFileSync(join(dir, "services/backend/src/main.ts"), "backend, edited and not committed");
    expect(imageInputsHash("backend", dir)).not.toBe(before.backend);
    expect(imageInputsHash("notifier", dir)).toBe(before.notifier);
    expect(imageInputsHash("site", dir)).toBe(before.site);
  });

  test("a new untracked file in a shared package changes every image; installed modules change none", () => {
    const dir = tree(files);
    const site = imageInputsHash("site", dir);
    const backend = imageInputsHash("backend", dir);
    mkdirSync(join(dir, "messaging/node_modules/x"), { recursive: true });
    writeFileSync(join(dir, "messaging/node_modules/x/index.js"), "installed");
    expect([imageInputsHash("site", dir), imageInputsHash("backend", dir)]).toEqual([site, backend]);
    writeFileSync(join(dir, "messaging/src/retention.ts"), "new");
    expect(imageInputsHash("site", dir)).not.toBe(site);
    expect(imageInputsHash("backend", dir)).not.toBe(backend);
    const [siteBefore, backendBefore] = [imageInputsHash("site", dir), imageInputsHash("backend", dir)];
    writeFileSync(join(dir, "service-kit/src/run-main.ts"), "new");
    expect(imageInputsHash("site", dir)).not.toBe(siteBefore);
    expect(imageInputsHash("backend", dir)).not.toBe(backendBefore);
  });
});
