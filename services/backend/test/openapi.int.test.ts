// Issue 14 row 13: the public OpenAPI document states every answer a route can give, lists no
// internal route and no method the route does not answer, and is off in production unless enabled.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { loadConfig } from "../src/config.ts";
import { openapiEnabled } from "@todo/service-kit";
import type { TObject } from "@sinclair/typebox";
import { ChatResponse, ConversationView, Session, TaskPage, TaskView, UserView } from "@todo/schemas/api";
import { startTestBackend, type TestBackend } from "./harness.ts";

type JsonObject = { properties?: Record<string, unknown>; required?: string[] };
type Operation = {
  responses: Record<
    string,
    { content?: Record<string, { schema: JsonObject & { properties?: { error?: unknown } } }> }
  >;
};
let backend: TestBackend;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  backend = await startTestBackend();
  paths = (await backend.call("GET", "/openapi/json")).body.paths;
});
afterAll(() => backend.close());

const statuses = (path: string, method: string) => Object.keys(paths[path]?.[method]?.responses ?? {}).sort();

describe("the backend's OpenAPI document", () => {
  test("every route lists the error answers it can give, each in the error shape", () => {
    expect(statuses("/api/auth/signup", "post")).toEqual(["201", "400", "409", "413", "415", "429"]);
    expect(statuses("/api/auth/login", "post")).toEqual(["200", "400", "401", "413", "415", "429"]);
    expect(statuses("/api/tasks", "post")).toEqual(["201", "400", "401", "413", "415"]);
    expect(statuses("/api/tasks", "get")).toEqual(["200", "400", "401"]);
    expect(statuses("/api/tasks/{id}", "patch")).toEqual(["200", "400", "401", "404", "413", "415"]);
    expect(statuses("/api/tasks/{id}", "delete")).toEqual(["204", "400", "401", "404"]);
    expect(statuses("/api/tasks/{id}/recurrence", "delete")).toContain("409");
    expect(statuses("/api/chat", "post")).toEqual(["200", "400", "401", "404", "413", "415"]);
    expect(statuses("/api/conversations/latest", "get")).toEqual(["200", "400", "401", "404"]);
    // Bodies are JSON only (forms and multipart are a 415).
    expect(
      Object.keys(
        (paths["/api/tasks"]!.post as unknown as { requestBody: { content: object } }).requestBody.content,
      ),
    ).toEqual(["application/json"]);
    const notFound = paths["/api/tasks/{id}"]!.get!.responses["404"]!;
    expect(notFound.content?.["application/json"]?.schema.properties?.error).toBeDefined();
  });

  test("the answers the site reads are the shared DTOs of @todo/schemas/api, field for field", () => {
    const shape = (schema: JsonObject | TObject | undefined) => ({
      fields: Object.keys(schema?.properties ?? {}).sort(),
      required: [...(schema?.required ?? [])].sort(),
    });
    const answer = (path: string, method: string, status: string) =>
      paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.schema;
    const answers: [string, string, string, TObject][] = [
      ["/api/tasks/{id}", "get", "200", TaskView],
      ["/api/tasks", "post", "201", TaskView],
      ["/api/tasks", "get", "200", TaskPage],
      ["/api/me", "get", "200", UserView],
      ["/api/auth/login", "post", "200", Session],
      ["/api/chat", "post", "200", ChatResponse],
      ["/api/conversations/latest", "get", "200", ConversationView],
    ];
    for (const [path, method, status, dto] of answers)
      expect({ path, method, ...shape(answer(path, method, status)) }).toEqual({
        path,
        method,
        ...shape(dto),
      });
  });

  test("internal routes and methods no route answers are not in it", () => {
    const listed = Object.keys(paths);
    expect(listed.filter((path) => /^\/(dapr|job|test|openapi)/.test(path))).toEqual([]);
    const methods = new Set(Object.values(paths).flatMap((item) => Object.keys(item)));
    expect([...methods].sort()).toEqual(["delete", "get", "patch", "post"]);
    expect(Object.keys(paths["/api/notifications"]!)).toEqual(["get"]);
    expect(Object.keys(paths["/api/notifications/{id}/read"]!)).toEqual(["post"]);
  });

  test("it is off in production unless OPENAPI_ENABLED=1, and then the route is a 404", async () => {
    expect(openapiEnabled(loadConfig({}))).toBe(true);
    expect(openapiEnabled(loadConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) }))).toBe(false);
    expect(
      openapiEnabled(
        loadConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), OPENAPI_ENABLED: "1" }),
      ),
    ).toBe(true);
    const hidden = await startTestBackend("pglite", {}, undefined, { publicDocs: false });
    try {
      expect((await hidden.call("GET", "/openapi/json")).status).toBe(404);
    } finally {
      await hidden.close();
    }
  });
});
