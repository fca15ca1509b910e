// The question the notifier and the site ask the backend about a session, against a real HTTP
// server standing in for the backend's GET /api/me (the real backend is asked in
// e2e/hostile-requests.int.test.ts).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { backendSessionCheck } from "./session-check.ts";
import type { Logger } from "@todo/messaging";

let server: ReturnType<typeof Bun.serve>;
const seen: string[] = [];

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(request) {
      const token = request.headers.get("authorization")?.replace("Bearer ", "") ?? "";
      seen.push(`${new URL(request.url).pathname} ${token}`);
      if (token === "live") return Response.json({ id: "u1" });
      if (token === "signed-out") return Response.json({ error: { code: "unauthorized" } }, { status: 401 });
      return Response.json({ error: { code: "internal_error" } }, { status: 500 });
    },
  });
});

afterAll(() => server.stop(true));

function recordingLogger() {
  const warnings: string[] = [];
  const logger = {
    warn: (msg: string) => void warnings.push(msg),
    debug() {},
    info() {},
    error() {},
    child: () => logger,
  } as unknown as Logger;
  return { logger, warnings };
}

describe("asking the backend whether a session is live", () => {
  test("asks GET /api/me with the token: 200 is live, 401 is ended", async () => {
    const sessions = backendSessionCheck(`http://127.0.0.1:${server.port}/`);
    expect(await sessions.check("live")).toBe("live");
    expect(await sessions.check("signed-out")).toBe("ended");
    expect(seen.slice(-2)).toEqual(["/api/me live", "/api/me signed-out"]);
  });

  test("a backend that errs or cannot be reached is unknown, never ended, and says so once", async () => {
    const { logger, warnings } = recordingLogger();
    const erring = backendSessionCheck(`http://127.0.0.1:${server.port}`, logger);
    expect(await erring.check("anything else")).toBe("unknown");
    expect(await erring.check("anything else")).toBe("unknown");
    expect(warnings).toHaveLength(1);
    const away = backendSessionCheck("http://127.0.0.1:9", logger);
    expect(await away.check("live")).toBe("unknown");
  });
});
