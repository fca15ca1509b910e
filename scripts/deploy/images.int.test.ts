// Each image's contents, laid out as its Dockerfile would build them (./image-emulation.ts: the
// real install command against package-lock.json, COPY through .dockerignore, the site's Astro
// build), then started with the image's own ENV and CMD: the service answers its HEALTHCHECK and
// /readyz with production dependencies only. The three back-end images come from the one
// services/Dockerfile, each with its SERVICE build argument. No Docker engine needed; no Kafka or
// PostgreSQL either (the services fall back to PGlite and the in-process transport when none is
// configured).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../infra/free-port.ts";
import { REPO_ROOT } from "./charts.ts";
import { emulateImage, type EmulatedImage } from "./image-emulation.ts";

const scratch = mkdtempSync(join(tmpdir(), "images-"));
// Five emulated images hold tens of thousands of installed files; deleting them took 505 s inside this
// hook on a machine whose disk was busy with other builds (a cold CI run), past any hook's time limit.
// Nothing reads them after this file, so a detached `rm` removes them while the suite goes on.
afterAll(() =>
  Bun.spawn(["rm", "-rf", scratch], { stdout: "ignore", stderr: "ignore", detached: true }).unref(),
);

const IMAGES: { name: string; dockerfile: string; buildArgs: Record<string, string>; port: string }[] = [
  { name: "backend", dockerfile: "services/Dockerfile", buildArgs: { SERVICE: "backend" }, port: "8000" },
  { name: "recurring", dockerfile: "services/Dockerfile", buildArgs: { SERVICE: "recurring" }, port: "8001" },
  { name: "notifier", dockerfile: "services/Dockerfile", buildArgs: { SERVICE: "notifier" }, port: "8002" },
  { name: "site", dockerfile: "site/Dockerfile", buildArgs: {}, port: "3000" },
];
// A production dependency of the backend alone: the other images must not carry it.
const BACKEND_ONLY = "openai";

/** Runs the image's CMD and its HEALTHCHECK until it passes, as Docker would; the server, and whether it became healthy. */
async function start(image: EmulatedImage, name: string) {
  const port = await freePort();
  // The image's ENV, then what an operator sets: the secret (required in production) and, since
  // this host is not the container, a data folder of its own.
  const env = {
    PATH: `${join(scratch, name, ".bin")}:${process.env.PATH}`,
    ...image.env,
    PORT: String(port),
    AUTH_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    DATA_DIR: join(scratch, name, "data"),
    TMPDIR: join(scratch, name),
  };
  const server = Bun.spawn(image.cmd, { cwd: image.workdir, env, stdout: "ignore", stderr: "pipe" });
  for (let i = 0; i < 120 && server.exitCode === null; i++) {
    const check = Bun.spawn(image.healthcheck, {
      cwd: image.workdir,
      env,
      stdout: "ignore",
      stderr: "ignore",
    });
    if ((await check.exited) === 0) return { server, port, healthy: true };
    await Bun.sleep(500);
  }
  server.kill("SIGTERM");
  return { server, port, healthy: false };
}

describe.each(IMAGES.map((i) => [i.name, i] as const))(
  "the %s image",
  (name, { dockerfile, buildArgs, port }) => {
    test("holds its own service and production dependencies only, starts with its own CMD and passes its HEALTHCHECK and /readyz", async () => {
      const image = await emulateImage(REPO_ROOT, dockerfile, join(scratch, name), { buildArgs });
      const app = image.workdir;
      expect(image.env.PORT).toBe(port);
      for (const devOnly of [
        "drizzle-kit",
        "playwright-core",
        "kubernetes-models",
        ...(name === "backend" ? [] : [BACKEND_ONLY]),
      ]) {
        expect(existsSync(join(app, "node_modules", devOnly)) ? `${devOnly} is in the image` : "").toBe("");
      }
      if (name !== "site") expect(readdirSync(join(app, "services"))).toEqual([name]);
      const tests = new Bun.Glob("**/*.test.ts").scanSync({ cwd: app, onlyFiles: true });
      expect([...tests].filter((f) => !f.includes("node_modules/"))).toEqual([]);

      const { server, port: listening, healthy } = await start(image, name);
      try {
        if (!healthy) console.log(await new Response(server.stderr).text());
        expect(healthy).toBe(true);
        const ready = await fetch(`http://127.0.0.1:${listening}/readyz`);
        expect(ready.status).toBe(200);
      } finally {
        server.kill("SIGTERM");
        await server.exited;
      }
    });
  },
);

test("an image missing a package its service imports does not pass its health check", async () => {
  const broken = join(scratch, "Dockerfile.broken");
  // Without @todo/schemas (messaging would stop the build already: the image's empty PGlite cluster is made with it).
  writeFileSync(
    broken,
    readFileSync(join(REPO_ROOT, "services/Dockerfile"), "utf8").replace("COPY schemas ./schemas\n", ""),
  );
  const { server, healthy } = await start(
    await emulateImage(REPO_ROOT, broken, join(scratch, "broken"), { buildArgs: { SERVICE: "notifier" } }),
    "broken",
  );
  await server.exited;
  expect(healthy).toBe(false);
});

test.each([
  ["without SERVICE", {}, "SERVICE: is not allowed to be unset"],
  ["with an empty SERVICE", { SERVICE: "" }, "SERVICE: is not allowed to be empty"],
  [
    "with a SERVICE that is not a back-end service",
    { SERVICE: "site" },
    "FROM service-site: no stage of that name",
  ],
])(
  "services/Dockerfile %s stops before anything is built, naming the problem",
  async (_, buildArgs, message) => {
    const folder = join(scratch, `refused-${Object.values(buildArgs).join("") || "unset"}`);
    await expect(emulateImage(REPO_ROOT, "services/Dockerfile", folder, { buildArgs })).rejects.toThrow(
      message,
    );
    expect(existsSync(folder)).toBe(false);
  },
);
