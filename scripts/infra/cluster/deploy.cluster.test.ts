// The whole product on the real single-node cluster, deployed from a clean cluster with the
// commands docs/deploy.md documents (SC-006), then used through the site like a person would.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CLUSTER_READY, cleanClusterWithProduct, NOT_BUILT_MESSAGE, serviceUrl, stopCluster, type ClusterTimes } from "./cluster-session.ts";
import { kubectl } from "./kube.ts";
import { podMemory, printMemory } from "./pod-memory.ts";

if (!CLUSTER_READY) console.log(NOT_BUILT_MESSAGE);

const MINUTE = 60_000;
type Pods = { items: { metadata: { name: string; labels?: Record<string, string> }; spec: { containers: { name: string }[] }; status: { containerStatuses?: { ready: boolean }[] } }[] };

describe.skipIf(!CLUSTER_READY)("the product on a single-node Kubernetes cluster", () => {
  let times: ClusterTimes;
  beforeAll(async () => {
    times = await cleanClusterWithProduct();
  }, 25 * MINUTE);
  afterAll(async () => {
    if (times) printMemory(await podMemory("todo"));
    await stopCluster();
  }, 3 * MINUTE);

  test("from a clean cluster the documented commands make every service ready, each with a Dapr sidecar, in under 15 minutes", async () => {
    expect(times.totalSeconds).toBeLessThan(15 * 60);
    const pods = JSON.parse(await kubectl(["-n", "todo", "get", "pods", "-o", "json"])) as Pods;
    for (const app of ["backend", "recurring", "notifier", "site"]) {
      const pod = pods.items.find((p) => p.metadata.labels?.["app.kubernetes.io/name"] === app);
      expect(pod ? pod.spec.containers.map((c) => c.name).sort() : `no ${app} pod`).toEqual([app, "daprd"].sort());
      expect(pod?.status.containerStatuses?.every((c) => c.ready)).toBe(true);
    }
    for (const [name, port] of [["backend", 8000], ["recurring", 8001], ["notifier", 8002]] as const) {
      const ready = await (await fetch(`${await serviceUrl(name, port)}/readyz`)).json();
      expect(ready).toMatchObject({ status: "ready", database: "postgres", transport: "dapr" });
    }
  });

  test("a reminder set through the site reaches the person's notifications, through Kafka and the Dapr Jobs API", async () => {
    const site = await serviceUrl("site", 3000);
    const signup = await fetch(`${site}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `cluster-${Date.now()}@example.com`, password: "a long enough password", timezone: "Europe/Berlin" }),
    });
    expect(signup.status).toBe(201);
    const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const reminderTime = new Date(Date.now() + 20_000).toISOString();
    const created = await fetch(`${site}/api/tasks`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ title: "stretch", reminder_time: reminderTime }),
    });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 2 * MINUTE;
    let items: { title: string; kind: string; message: string }[] = [];
    while (Date.now() < deadline && !items.some((i) => i.kind === "reminder")) {
      await Bun.sleep(1000);
      const r = await fetch(`${site}/api/notifications`, { headers: { cookie } });
      if (r.ok) items = ((await r.json()) as { items: typeof items }).items;
    }
    expect(items.find((i) => i.kind === "reminder")).toMatchObject({ title: "stretch" });
  }, 3 * MINUTE);
});
