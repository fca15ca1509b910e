import { describe, expect, test } from "bun:test";
import { checkAppToken, hasAppToken } from "./app-token.ts";

const withToken = (token?: string) =>
  new Request("http://app/dapr/subscribe", {
    headers: token === undefined ? {} : { "dapr-api-token": token },
  });

describe("the Dapr sidecar's app API token", () => {
  test("with a token configured only a request carrying exactly that token passes", () => {
    const expected = "a-long-random-sidecar-token";
    expect(hasAppToken(withToken(expected), expected)).toBe(true);
    expect(hasAppToken(withToken(), expected)).toBe(false);
    expect(hasAppToken(withToken(""), expected)).toBe(false);
    expect(hasAppToken(withToken(`${expected}x`), expected)).toBe(false);
    expect(hasAppToken(withToken(expected.slice(0, -1)), expected)).toBe(false);
  });

  test("without a token configured (a local run without Dapr) every request passes", () => {
    expect(hasAppToken(withToken(), undefined)).toBe(true);
  });

  test("production with Dapr calling in refuses to start without the token, and names it", () => {
    expect(() => checkAppToken({ NODE_ENV: "production", EVENT_TRANSPORT: "dapr" })).toThrow(
      "APP_API_TOKEN is required",
    );
    expect(() =>
      checkAppToken({ NODE_ENV: "production", EVENT_TRANSPORT: "kafka", SCHEDULER: "dapr" }),
    ).toThrow("APP_API_TOKEN is required");
    expect(() =>
      checkAppToken({ NODE_ENV: "production", EVENT_TRANSPORT: "dapr", APP_API_TOKEN: "set-from-a-secret" }),
    ).not.toThrow();
    expect(() =>
      checkAppToken({ NODE_ENV: "production", EVENT_TRANSPORT: "kafka", SCHEDULER: "embedded" }),
    ).not.toThrow();
    expect(() => checkAppToken({ NODE_ENV: "development", EVENT_TRANSPORT: "dapr" })).not.toThrow();
  });
});
