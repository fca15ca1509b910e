import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  test("defaults apply and numbers are converted", () => {
    const config = loadConfig({ AUTH_SECRET: "s".repeat(32), PORT: "9001" });
    expect(config).toMatchObject({ PORT: 9001, DATABASE_DRIVER: "auto", MAX_BODY_BYTES: 65536 });
  });

  test("every bad variable is named in one error", () => {
    expect(() =>
      loadConfig({ PORT: "eighty", DATABASE_DRIVER: "mysql", AUTH_SECRET: "s".repeat(32) }),
    ).toThrow(/PORT.*DATABASE_DRIVER|DATABASE_DRIVER.*PORT/);
  });

  test("without AUTH_SECRET a development secret is made once, private, and reused", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).authSecret).toBe(first.authSecret);
    expect(readFileSync(join(dir, "auth-secret"), "utf8")).toBe(first.authSecret);
    expect(statSync(join(dir, "auth-secret")).mode & 0o077).toBe(0);
  });

  test("production refuses to run without AUTH_SECRET", () => {
    expect(() =>
      loadConfig({ NODE_ENV: "production", DATA_DIR: mkdtempSync(join(tmpdir(), "cfg-")) }),
    ).toThrow("AUTH_SECRET is required");
  });

  test("production with Dapr pub/sub refuses to start without the sidecar's app API token", () => {
    expect(() =>
      loadConfig({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), EVENT_TRANSPORT: "dapr" }),
    ).toThrow("APP_API_TOKEN is required");
  });

  test("no proxy is trusted by default: X-Forwarded-For names nobody until TRUSTED_PROXIES says who adds it", () => {
    expect(loadConfig({ AUTH_SECRET: "s".repeat(32) }).TRUSTED_PROXIES).toBe("");
  });
});
