// Issue 14 row 8: strings PostgreSQL cannot store or that render deceptively, and crafted cursors,
// are a 400 naming the field, never a 500. The rules live in service-kit/src/text-rules.ts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestBackend, type TestBackend } from "./harness.ts";

let backend: TestBackend;
let token: string;

beforeAll(async () => {
  backend = await startTestBackend();
  token = (await backend.signup()).token;
});
afterAll(() => backend.close());

// Raw JSON text, so that the escapes reach the server exactly as written (JSON.stringify would
// keep a lone surrogate too, but this reads as what an attacker sends).
const NUL = "a\\u0000b";
const LONE = "a\\ud800b";

async function post(path: string, json: string, withToken = true) {
  return backend.call("POST", path, { body: json, token: withToken ? token : undefined });
}

describe("strings that cannot be stored are a 400 naming the field", () => {
  const cases: [string, string, (s: string) => string, string, boolean][] = [
    ["title", "/api/tasks", (s) => `{"title":"${s}"}`, "title", true],
    ["a tag", "/api/tasks", (s) => `{"title":"t","tags":["ok","${s}"]}`, "tags.1", true],
    [
      "the name",
      "/api/auth/signup",
      (s) => `{"email":"n-${crypto.randomUUID()}@example.com","password":"long enough","name":"${s}"}`,
      "name",
      false,
    ],
    [
      "the email",
      "/api/auth/signup",
      (s) => `{"email":"${s}@example.com","password":"long enough"}`,
      "email",
      false,
    ],
    ["a chat message", "/api/chat", (s) => `{"message":"add ${s}"}`, "message", true],
  ];
  for (const [what, path, body, field, withToken] of cases) {
    test(`U+0000 or an unpaired surrogate in ${what} is refused`, async () => {
      for (const bad of [NUL, LONE]) {
        const res = await post(path, body(bad), withToken);
        expect({ status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({
          status: 400,
          code: "validation_error",
          field,
        });
      }
    });
  }

  test("U+0000 in the keyword or a tag filter of a listing is refused", async () => {
    for (const query of ["q=a%00b", "tag=ok&tag=a%00b"]) {
      const res = await backend.call("GET", `/api/tasks?${query}`, { token });
      expect({ status: res.status, field: res.body.error?.field }).toEqual({
        status: 400,
        field: query.startsWith("q") ? "q" : "tag",
      });
    }
  });

  test("a patch and a profile change follow the same rule", async () => {
    const created = await post("/api/tasks", `{"title":"fine"}`);
    const patched = await backend.call("PATCH", `/api/tasks/${created.body.id}`, {
      body: `{"title":"${NUL}"}`,
      token,
    });
    expect({ status: patched.status, field: patched.body.error?.field }).toEqual({
      status: 400,
      field: "title",
    });
    const me = await backend.call("PATCH", "/api/me", { body: `{"name":"${LONE}"}`, token });
    expect({ status: me.status, field: me.body.error?.field }).toEqual({ status: 400, field: "name" });
  });
});

describe("titles, tags and names refuse control and text-direction characters", () => {
  test("a right-to-left override in a title, a tag or a name is a 400 that names the character", async () => {
    const title = await post("/api/tasks", JSON.stringify({ title: "invoice\u202Egpj.exe" }));
    expect({ status: title.status, field: title.body.error?.field }).toEqual({ status: 400, field: "title" });
    expect(title.body.error.message).toContain("U+202E");
    const tag = await post("/api/tasks", JSON.stringify({ title: "t", tags: ["\u2066x"] }));
    expect({ status: tag.status, field: tag.body.error?.field }).toEqual({ status: 400, field: "tags" });
    const name = await backend.call("PATCH", "/api/me", { body: { name: "bell\u0007" }, token });
    expect({ status: name.status, field: name.body.error?.field }).toEqual({ status: 400, field: "name" });
  });

  test("ordinary non-Latin and emoji text is kept as written", async () => {
    const res = await post("/api/tasks", JSON.stringify({ title: "שלום 😀 日本語", tags: ["café"] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: "שלום 😀 日本語", tags: ["café"] });
  });
});

describe("a crafted cursor is a 400 on the cursor", () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  test("cursors whose keys are not a date, an instant, a uuid or a priority are refused", async () => {
    const crafted = [
      {
        sort: "created",
        cursor: cursorOf({
          s: "created",
          o: "desc",
          k: ["not a time", "00000000-0000-0000-0000-000000000000"],
        }),
      },
      {
        sort: "created",
        cursor: cursorOf({ s: "created", o: "desc", k: ["2026-01-01T00:00:00Z", "not-a-uuid"] }),
      },
      {
        sort: "due",
        cursor: cursorOf({
          s: "due",
          o: "desc",
          k: ["2026-02-31", "infinity", "00000000-0000-0000-0000-000000000000"],
        }),
      },
      {
        sort: "priority",
        cursor: cursorOf({
          s: "priority",
          o: "desc",
          k: ["urgent", "2026-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000000"],
        }),
      },
      { sort: "created", cursor: "%00%ff" },
    ];
    for (const { sort, cursor } of crafted) {
      const res = await backend.call("GET", `/api/tasks?sort=${sort}&cursor=${cursor}`, { token });
      expect({ cursor, status: res.status, field: res.body.error?.field }).toEqual({
        cursor,
        status: 400,
        field: "cursor",
      });
    }
  });
});
