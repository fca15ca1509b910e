import { describe, expect, test } from "bun:test";
import { isAbsolute } from "node:path";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  test("defaults apply: port 8001, all addresses, 64 KiB bodies, an absolute data directory", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8001,
      HOST: "0.0.0.0",
      MAX_BODY_BYTES: 65536,
      NODE_ENV: "development",
    });
    expect(isAbsolute(config.DATA_DIR)).toBe(true);
  });

  test("numbers are converted from the environment's strings", () => {
    expect(loadConfig({ PORT: "9101", MAX_BODY_BYTES: "2048" })).toMatchObject({
      PORT: 9101,
      MAX_BODY_BYTES: 2048,
    });
  });

  test("every bad variable is named in one error", () => {
    expect(() => loadConfig({ PORT: "eighty", MAX_BODY_BYTES: "12" })).toThrow(
      /PORT.*MAX_BODY_BYTES|MAX_BODY_BYTES.*PORT/,
    );
  });

  test("production with the Dapr Jobs API refuses to start without the sidecar's app API token", () => {
    expect(() => loadConfig({ NODE_ENV: "production", SCHEDULER: "dapr" })).toThrow(
      "APP_API_TOKEN is required",
    );
    expect(
      loadConfig({ NODE_ENV: "production", SCHEDULER: "dapr", APP_API_TOKEN: "t".repeat(32) }).APP_API_TOKEN,
    ).toBe("t".repeat(32));
  });
});
