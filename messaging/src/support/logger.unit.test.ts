import { describe, expect, test } from "bun:test";
import { fixedClock } from "./clock.ts";
import { createLogger, errorText, REDACTED } from "./logger.ts";

function capture() {
  const lines: string[] = [];
  const log = createLogger({
    service: "backend",
    clock: fixedClock(new Date("2026-12-06T10:00:00Z")),
    write: (line) => lines.push(line),
  });
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

describe("the structured logger", () => {
  test("writes one JSON line with time, level, service, msg and the entry's ids", () => {
    const { log, lines, entries } = capture();
    log.child({ request_id: "r-1" }).warn("database unavailable", { event_id: "e-1" });
    expect(lines).toHaveLength(1);
    expect(entries()[0]).toEqual({
      time: "2026-12-06T10:00:00.000Z",
      level: "warn",
      service: "backend",
      msg: "database unavailable",
      request_id: "r-1",
      event_id: "e-1",
    });
  });

  test("passwords, hashes, tokens, cookies, emails, titles and message text never reach the line", () => {
    const { log, lines } = capture();
    const secrets = {
      password: "hunter2-secret",
      password_hash: "$argon2id$v=19$abc",
      authorization: "Bearer eyJabc",
      cookie: "session=eyJdef",
      email: "ada@example.com",
      title: "see the doctor",
      message: "remind me about my diagnosis",
      nested: { accessToken: "tok-123", user_email: "bob@example.com" },
    };
    log.info("signup", { request_id: "r-2", ...secrets });
    for (const value of [
      "hunter2-secret",
      "$argon2id",
      "eyJabc",
      "eyJdef",
      "ada@example.com",
      "see the doctor",
      "diagnosis",
      "tok-123",
      "bob@example.com",
    ])
      expect(lines[0]).not.toContain(value);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      request_id: "r-2",
      email: REDACTED,
      nested: { accessToken: REDACTED },
    });
  });

  test("a failed query's error keeps its message and code but loses every parameter and the row PostgreSQL quotes", () => {
    const { log, lines, entries } = capture();
    const driver = Object.assign(
      new Error('new row for relation "users" violates check constraint "users_name_check"'),
      { code: "23514", detail: "Failing row contains (1, ada@example.com, $argon2id$v=19$abc)" },
    );
    const failed = Object.assign(
      new Error(
        'Failed query: insert into "users" values ($1, $2, $3)\nparams: 1,ada@example.com,$argon2id$v=19$abc',
      ),
      { name: "DrizzleQueryError", params: ["1", "ada@example.com", "$argon2id$v=19$abc"], cause: driver },
    );
    log.error("unhandled error", { error: failed });
    expect(lines[0]).not.toContain("ada@example.com");
    expect(lines[0]).not.toContain("argon2id");
    const { error } = entries()[0]!;
    expect(error.name).toBe("DrizzleQueryError");
    expect(error.message).toStartWith('Failed query: insert into "users"');
    expect(error.cause).toMatchObject({
      code: "23514",
      message: expect.stringContaining("users_name_check"),
    });
  });

  test("entries below the configured level are not written", () => {
    const lines: string[] = [];
    const log = createLogger({ service: "site", level: "warn", write: (line) => lines.push(line) });
    log.info("quiet");
    log.error("loud");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
  });

  test("errorText keeps a failed query's message for a plain log line or a DLQ header, without its parameters", () => {
    const failed = new Error(
      'Failed query: update "tasks" set "title" = $1\nparams: my secret diagnosis,0190f5a2',
    );
    expect(errorText(failed)).toBe('Failed query: update "tasks" set "title" = $1\nparams: [redacted]');
    expect(errorText("plain text")).toBe("plain text");
  });
});
