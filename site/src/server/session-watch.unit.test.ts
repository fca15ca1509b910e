import { describe, expect, test } from "bun:test";
import { acceptedSessionId, checkDueIn } from "./session-watch.ts";

describe("checkDueIn", () => {
  test("given a session vouched for less than an interval ago, when asked, then the check waits for the rest of it", () => {
    expect(checkDueIn(1_000, 31_000, 60_000)).toBe(30_000);
  });

  test("given an interval or more since the backend vouched, when asked, then the check is due now", () => {
    expect(checkDueIn(1_000, 61_000, 60_000)).toBe(0);
    expect(checkDueIn(1_000, 500_000, 60_000)).toBe(0);
  });
});

describe("acceptedSessionId", () => {
  const token = (payload: unknown) =>
    `h.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.signature`;

  test("given a token's payload with a sid, then that is the session", () => {
    expect(acceptedSessionId(token({ sub: "u", sid: "s-1" }))).toBe("s-1");
  });

  test("given no sid, a sid that is not a string, or no payload at all, then there is no session", () => {
    expect(acceptedSessionId(token({ sub: "u" }))).toBeUndefined();
    expect(acceptedSessionId(token({ sid: 7 }))).toBeUndefined();
    expect(acceptedSessionId("not a token")).toBeUndefined();
  });
});
