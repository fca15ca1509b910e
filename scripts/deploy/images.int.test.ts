// Each image's contents, laid out as its Dockerfile would build them (./image-emulation.ts: the
// real install command against package-lock.json, COPY through .dockerignore, the site's Astro
// build), then started with the image's own ENV and CMD: the service answers its HEALTHCHECK and
// /readyz with production dependencies only. No Docker engine needed; no Kafka or PostgreSQL
// either (the services fall back to PGlite and the in-process transport when none is configured).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../infra/free-port.ts";
import { REPO_ROOT } from "./helm.ts";
import { emulateImage, type EmulatedImage } from "./image-emulation.ts";

const scratch = mkdtempSync(join(tmpdir(), "images-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const IMAGES = [
  ["backend", "services/backend/Dockerfile"],
  ["recurring", "services/recurring/Dockerfile"],
  ["notifier", "services/notifier/Dockerfile"],
  ["site", "site/Dockerfile"],
] as const;

/** Runs the image's CMD and its HEALTHCHECK until it passes, as Docker would; the server, and whether it became healthy. */
async function start(image: EmulatedImage, name: string) {
  const port = await freePort();
  // The image's ENV, then what an operator sets: the secret (required in production) and, since
  // this host is not the container, a data folder of its own.
  const env = { PATH: `${join(scratch, name, ".bin")}:${process.env.PATH}`, ...image.env, PORT: String(port), AUTH_SECRET: crypto.randomUUID() + crypto.randomUUID(), DATA_DIR: join(scratch, name, "data"), TMPDIR: join(scratch, name) };
  const server = Bun.spawn(image.cmd, { cwd: image.workdir, env, stdout: "ignore", stderr: "pipe" });
  for (let i = 0; i < 120 && server.exitCode === null; i++) {
    const check = Bun.spawn(image.healthcheck, { cwd: image.workdir, env, stdout: "ignore", stderr: "ignore" });
    if ((await check.exited) === 0) return { server, port, healthy: true };
    await Bun.sleep(500);
  }
  server.kill("SIGTERM");
  return { server, port, healthy: false };
}

describe.each(IMAGES.map(([name, file]) => [name, file]))("the %s image", (name, dockerfile) => {
  test("holds production dependencies and no tests, starts with its own CMD and passes its HEALTHCHECK and /readyz", async () => {
    const image = await emulateImage(REPO_ROOT, dockerfile, join(scratch, name));
    const app = image.workdir;
    for (const devOnly of ["drizzle-kit", "playwright-core", "kubernetes-models"]) {
      expect(existsSync(join(app, "node_modules", devOnly)) ? `${devOnly} is in the image` : "").toBe("");
    }
    const tests = new Bun.Glob("**/*.test.ts").scanSync({ cwd: app, onlyFiles: true });
    expect([...tests].filter((f) => !f.includes("node_modules/"))).toEqual([]);

    const { server, port, healthy } = await start(image, name);
    try {
      if (!healthy) console.log(await new Response(server.stderr).text());
      expect(healthy).toBe(true);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      server.kill("SIGTERM");
      await server.exited;
    }
  });
});

test("an image missing a package its service imports does not pass its health check", async () => {
  const broken = join(scratch, "Dockerfile.broken");
  writeFileSync(broken, readFileSync(join(REPO_ROOT, "services/notifier/Dockerfile"), "utf8").replace("COPY outbox ./outbox\n", ""));
  const { server, healthy } = await start(await emulateImage(REPO_ROOT, broken, join(scratch, "broken")), "broken");
  await server.exited;
  expect(healthy).toBe(false);
});
