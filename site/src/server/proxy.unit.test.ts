// Specification of upstreamOf: given an `/api/*` path, then the service the site forwards it to.
import { describe, expect, test } from "bun:test";
import { upstreamOf } from "./proxy.ts";

const deps = { backendUrl: "http://backend:8000", notifierUrl: "http://notifier:8002" };

describe("upstreamOf", () => {
  test("given the notifications routes, then the notifier, straight (one hop, its own session check)", () => {
    for (const path of ["/api/notifications", "/api/notifications/3f0c/read"])
      expect({ path, name: upstreamOf(path, deps).name, url: upstreamOf(path, deps).url }).toEqual({
        path,
        name: "notifier",
        url: "http://notifier:8002",
      });
  });

  test("given any other /api path, a look-alike included, then the backend", () => {
    for (const path of ["/api/tasks", "/api/notificationsx", "/api/me", "/api/chat"])
      expect({ path, name: upstreamOf(path, deps).name }).toEqual({ path, name: "backend" });
  });

  test("given the notifier unreachable, then the 503 the backend's forward gave; the backend, the site's 502", async () => {
    const notifier = upstreamOf("/api/notifications", deps).unavailable();
    expect([notifier.status, await notifier.json()]).toEqual([
      503,
      {
        error: { code: "unavailable", message: "notifications are unavailable right now; try again shortly" },
      },
    ]);
    expect(upstreamOf("/api/tasks", deps).unavailable().status).toBe(502);
  });
});
