// The site behind a Dapr sidecar: daprd asks the app which topics it wants (GET /dapr/subscribe)
// before delivering any. The real cluster showed the site answering that with its static 404, so it
// never received task-updates (no live list, no toasts). Only the app's side is exercised here; no
// sidecar runs (the dapr tier and the cluster tier run real ones).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDaprTransport } from "@todo/messaging";
import { loadConfig } from "../src/config.ts";
import { startSite } from "../src/main.ts";

let dataDir: string;
let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "site-dapr-"));
  const transport = createDaprTransport({
    daprHttpUrl: "http://127.0.0.1:9",
    pubsubName: "pubsub-kafka-broadcast",
  });
  site = await startSite(
    loadConfig({
      DATA_DIR: dataDir,
      AUTH_SECRET: "x".repeat(40),
      PORT: "0",
      BACKEND_URL: "http://127.0.0.1:9",
      EVENT_TRANSPORT: "dapr",
    }),
    { transport },
  );
});

afterAll(async () => {
  await site?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("under Dapr the site tells its sidecar it subscribes to task-updates, rather than serving a page for /dapr/subscribe", async () => {
  const response = await site.handle(new Request("http://site.test/dapr/subscribe"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual([
    expect.objectContaining({ pubsubname: "pubsub-kafka-broadcast", topic: "task-updates" }),
  ]);
});

test("a sidecar callback is read up to MAX_CALLBACK_BYTES (1 MiB): over it, with or without a Content-Length, is a 413 in the error shape", async () => {
  const deliver = (body: BodyInit) =>
    fetch(`${site.url}/dapr/events/task-updates`, {
      method: "POST",
      headers: { "content-type": "application/cloudevents+json" },
      body,
    });
  // Larger than an API body may be (64 KB), well under the callback cap: read, and dropped as no CloudEvent.
  const large = await deliver("x".repeat(100 * 1024));
  expect(large.status).toBe(200);
  await large.body?.cancel();
  const declared = await deliver("x".repeat(2 * 1024 * 1024));
  expect(declared.status).toBe(413);
  expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  const chunked = await deliver(
    new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(chunk);
        controller.close();
      },
    }),
  );
  expect(chunked.status).toBe(413);
  expect(((await chunked.json()) as { error: { code: string; message: string } }).error.message).toContain(
    "1048576 bytes",
  );
});
