import { describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import { errorsPlugin } from "./errors-plugin.ts";
import { NotFound } from "./errors.ts";

const appThrowing = (error: unknown) =>
  new Elysia().use(errorsPlugin(1024)).get("/", () => {
    throw error;
  });
const call = async (error: unknown) => {
  const response = await appThrowing(error).handle(new Request("http://localhost/"));
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { error: { code: string; message: string } },
  };
};

describe("the one error mapping", () => {
  test("a database that is restarting or unreachable is a 503 with Retry-After, not a 500", async () => {
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    const wrapped = Object.assign(new Error("Failed query: insert into tasks ..."), {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    });
    for (const error of [shutdown, wrapped, new Error("Connection terminated unexpectedly")]) {
      const answer = await call(error);
      expect(answer).toMatchObject({
        status: 503,
        retryAfter: "1",
        body: { error: { code: "unavailable" } },
      });
      expect(answer.body.error.message).toContain("nothing was changed");
    }
  });

  test("any other unexpected error is a 500 that shows no detail", async () => {
    const answer = await call(new Error("secret detail: column x does not exist"));
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain("secret detail");
  });

  test("the typed errors keep their own status", async () => {
    expect((await call(new NotFound("no task abc"))).status).toBe(404);
  });
});
