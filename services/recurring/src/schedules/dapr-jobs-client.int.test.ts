// The Dapr Jobs client against a Bun.serve stand-in for the sidecar. A stand-in, and only here,
// because a real daprd cannot be made to fail on demand (answer a 500 that is not NotFound, or not
// answer at all); what a real daprd does with each call is checked against daprd 1.18 in
// services/recurring/test/dapr-scheduler.dapr.test.ts (`--tier dapr`).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DaprJobsError, daprJobName, daprJobsClient } from "./dapr-jobs-client.ts";

let server: ReturnType<typeof Bun.serve>;
const seen: { method: string; path: string; body: string }[] = [];
// What the stand-in answers next; by default the way daprd answers a success.
let answer: () => Response | Promise<Response> = () => new Response(null, { status: 204 });

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      seen.push({ method: request.method, path: new URL(request.url).pathname, body: await request.text() });
      return answer();
    },
  });
});
afterAll(() => server.stop(true));

const client = (timeoutMs = 2_000) => daprJobsClient({ daprHttpUrl: `${server.url}`, timeoutMs });
const notFound = () =>
  Response.json({ errorCode: "ERR_JOBS_NOT_FOUND", message: "rpc error: code = NotFound" }, { status: 500 });

describe("daprJobsClient", () => {
  test("schedule posts a one-shot job by the job's name, carrying its id, overwriting, retried every 5 s", async () => {
    seen.length = 0;
    answer = () => new Response(null, { status: 204 });
    await client().schedule("reminder:42", new Date("2026-12-24T09:00:00Z"));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.path).toBe(`/v1.0/jobs/${daprJobName("reminder:42")}`);
    expect(JSON.parse(seen[0]!.body)).toEqual({
      dueTime: "2026-12-24T09:00:00.000Z",
      data: { job_id: "reminder:42" },
      overwrite: true,
      failurePolicy: { constant: { interval: "5s" } },
    });
  });

  test("a sidecar that refuses a job is a DaprJobsError with its status and what it said", async () => {
    answer = () => new Response("scheduler unavailable", { status: 500 });
    const error = await client()
      .schedule("reminder:42", new Date())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaprJobsError);
    expect(error).toMatchObject({ status: 500 });
    expect((error as Error).message).toContain("scheduler unavailable");
  });

  test("removing a job the sidecar does not have (404, or daprd's 500 NotFound) succeeds", async () => {
    for (const gone of [() => new Response(null, { status: 404 }), notFound]) {
      answer = gone;
      await client().remove("reminder:42");
    }
    answer = () => new Response("etcd down", { status: 500 });
    await expect(client().remove("reminder:42")).rejects.toThrow("deleting reminder:42 failed with HTTP 500");
  });

  test("get reads the job, and a job the sidecar does not have is undefined", async () => {
    answer = () => Response.json({ name: "reminder_3A42", dueTime: "2026-12-24T09:00:00Z" });
    expect(await client().get("reminder:42")).toMatchObject({ dueTime: "2026-12-24T09:00:00Z" });
    answer = notFound;
    expect(await client().get("reminder:42")).toBeUndefined();
  });

  test("a sidecar that does not answer in time is a DaprJobsError with no status", async () => {
    const { promise: never, resolve } = Promise.withResolvers<Response>();
    answer = () => never;
    const error = await client(50)
      .remove("reminder:42")
      .catch((e: unknown) => e);
    resolve(new Response(null, { status: 204 }));
    expect(error).toBeInstanceOf(DaprJobsError);
    expect(error).toMatchObject({ status: undefined });
    expect((error as Error).message).toContain("did not answer");
  });
});
