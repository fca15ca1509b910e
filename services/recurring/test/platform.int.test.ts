import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import { startRecurring } from "../src/main.ts";

describe("the recurring service as a process", () => {
  test("starts on the configured port, answers /healthz, /readyz and the preview over HTTP, and stops", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recurring-"));
    const service = await startRecurring(loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dir }));
    try {
      expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: "ok" });
      expect(await (await fetch(`${service.url}/readyz`)).json()).toMatchObject({
        status: "ready",
        database: "pglite",
        transport: "memory",
      });
      const res = await fetch(`${service.url}/v1/recurrences/preview`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          rrule: "FREQ=DAILY",
          dtstart: "2026-12-01T09:00:00",
          timezone: "UTC",
          count: 1,
        }),
      });
      expect(await res.json()).toEqual({ occurrences: ["2026-12-01T09:00:00Z"] });
    } finally {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a body larger than MAX_BODY_BYTES is a 413", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recurring-"));
    const service = await startRecurring(
      loadConfig({ PORT: "0", HOST: "127.0.0.1", MAX_BODY_BYTES: "1024", DATA_DIR: dir }),
    );
    try {
      const res = await fetch(`${service.url}/v1/recurrences/preview`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rrule: "X".repeat(2000), dtstart: "2026-12-01T09:00:00", timezone: "UTC" }),
      });
      expect(res.status).toBe(413);
    } finally {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("with APP_API_TOKEN set, the sidecar-only routes /job/* and /dapr/* answer 401 to a caller without it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recurring-"));
    const token = `app-token-${crypto.randomUUID()}`;
    const service = await startRecurring(
      loadConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: dir,
        APP_API_TOKEN: token,
        MAX_CALLBACK_BYTES: "2048",
      }),
    );
    try {
      const job = (headers: Record<string, string>) =>
        fetch(`${service.url}/job/reminder-x`, {
          method: "POST",
          body: '{"job_id":"reminder:x"}',
          headers: { "content-type": "application/json", ...headers },
        });
      expect((await job({})).status).toBe(401);
      expect((await job({ "dapr-api-token": "wrong-token-of-some-length" })).status).toBe(401);
      expect((await fetch(`${service.url}/dapr/subscribe`)).status).toBe(401);
      expect(
        (await fetch(`${service.url}/dapr/events/task-events`, { method: "POST", body: "{}" })).status,
      ).toBe(401);
      // With the token the call reaches the scheduler and transport (neither takes HTTP here: 404).
      expect((await job({ "dapr-api-token": token })).status).toBe(404);
      expect(
        (await fetch(`${service.url}/dapr/subscribe`, { headers: { "dapr-api-token": token } })).status,
      ).toBe(404);
      // A trigger body over MAX_CALLBACK_BYTES (2 KiB here) is a 413 in the error shape, not read to its end.
      const big = await fetch(`${service.url}/job/reminder-x`, {
        method: "POST",
        body: "x".repeat(4096),
        headers: { "content-type": "application/json", "dapr-api-token": token },
      });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    } finally {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
