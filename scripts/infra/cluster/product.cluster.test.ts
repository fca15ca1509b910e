// The whole product on the real single-node cluster, deployed from a clean cluster with the commands
// docs/deploy.md documents (SC-006), then used through the site (over HTTPS through the ingress in
// Chromium; at its ClusterIP for the API-level checks), upgraded and disrupted. One file:
// the cluster is brought up once per test process and taken down at its end.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  CLUSTER_READY,
  cleanClusterWithProduct,
  NOT_BUILT_MESSAGE,
  serviceUrl,
  stopCluster,
  type ClusterTimes,
} from "./cluster-session.ts";
import { recurringReminderInBrowser } from "./browser-flow.ts";
import { HOST_RESOLVER_RULE, pebbleChain, siteCertificate, SITE_URL, spkiHash } from "./ingress-tls.ts";
import { kubectl } from "./kube.ts";
import { runPodChaos } from "./pod-chaos.ts";
import { podMemory, printMemory } from "./pod-memory.ts";
import { upgradeUnderLoad } from "./rolling-upgrade.ts";
import { signUpThroughSite } from "./site-session.ts";

if (!CLUSTER_READY) console.log(NOT_BUILT_MESSAGE);

const MINUTE = 60_000;
type Pods = {
  items: {
    metadata: { labels?: Record<string, string> };
    spec: { containers: { name: string }[] };
    status: { containerStatuses?: { ready: boolean }[] };
  }[];
};

describe.skipIf(!CLUSTER_READY)("the product on a single-node Kubernetes cluster", () => {
  let times: ClusterTimes;
  let site: string;
  beforeAll(async () => {
    times = await cleanClusterWithProduct();
    site = await serviceUrl("site", 3000);
  }, 25 * MINUTE);
  afterAll(async () => {
    // The product's pods, then the ingress and certificate pods in front of them.
    if (times)
      for (const namespace of ["todo", "traefik", "cert-manager"]) printMemory(await podMemory(namespace));
    await stopCluster();
  }, 3 * MINUTE);

  test("from a clean cluster the documented commands make every service ready, each with a Dapr sidecar, in under 15 minutes", async () => {
    expect(times.totalSeconds).toBeLessThan(15 * 60);
    const pods = JSON.parse(await kubectl(["-n", "todo", "get", "pods", "-o", "json"])) as Pods;
    for (const app of ["backend", "recurring", "notifier", "site"]) {
      const pod = pods.items.find((p) => p.metadata.labels?.["app.kubernetes.io/name"] === app);
      expect(pod ? pod.spec.containers.map((c) => c.name).sort() : `no ${app} pod`).toEqual(
        [app, "daprd"].sort(),
      );
      expect(pod?.status.containerStatuses?.every((c) => c.ready)).toBe(true);
    }
    for (const [name, port] of [
      ["backend", 8000],
      ["recurring", 8001],
      ["notifier", 8002],
    ] as const) {
      const ready = await (await fetch(`${await serviceUrl(name, port)}/readyz`)).json();
      expect(ready).toMatchObject({ status: "ready", database: "postgres", transport: "dapr" });
    }
  });

  test(
    "a reminder set through the site reaches the person's notifications, through Kafka and the Dapr Jobs API",
    async () => {
      const cookie = await signUpThroughSite(site);
      const created = await fetch(`${site}/api/tasks`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({
          title: "stretch",
          reminder_time: new Date(Date.now() + 20_000).toISOString(),
        }),
      });
      expect(created.status).toBe(201);
      const deadline = Date.now() + 2 * MINUTE;
      let items: { title: string; kind: string }[] = [];
      while (Date.now() < deadline && !items.some((i) => i.kind === "reminder")) {
        await Bun.sleep(1000);
        const r = await fetch(`${site}/api/notifications`, { headers: { cookie } });
        if (r.ok) items = ((await r.json()) as { items: typeof items }).items;
      }
      expect(items.find((i) => i.kind === "reminder")).toMatchObject({ title: "stretch" });
    },
    3 * MINUTE,
  );

  test("the site is served at https://todo.local.test through Traefik, with a certificate cert-manager got from Pebble over ACME", async () => {
    const ready = await kubectl([
      "-n",
      "todo",
      "get",
      "certificate",
      "site-tls",
      "-o",
      "jsonpath={.status.conditions[?(@.type=='Ready')].status}",
    ]);
    expect(ready).toBe("True");
    const { root } = await pebbleChain();
    const served = await siteCertificate(root);
    console.log(`TLS: issued by ${served.issuer}; ${served.names}`);
    // curl verified the chain against Pebble's root of this run, for this name: not Traefik's default certificate.
    expect(served).toMatchObject({ httpStatus: 200, verified: true });
    expect(served.issuer).toContain("Pebble Intermediate CA");
    expect(served.names).toContain("DNS:todo.local.test");
  });

  test(
    "in Chromium over HTTPS through the ingress, a person signs up, chats a daily recurring reminder and gets it as a toast and in the bell without reloading",
    async () => {
      // Chromium does not know Pebble's CA: it accepts a chain that contains this run's intermediate, and nothing else.
      const { intermediate } = await pebbleChain();
      const chromiumArgs = [
        `--host-resolver-rules=${HOST_RESOLVER_RULE}`,
        `--ignore-certificate-errors-spki-list=${await spkiHash(intermediate)}`,
      ];
      const { reply, title, issuer } = await recurringReminderInBrowser({ url: SITE_URL, chromiumArgs });
      expect(issuer).toContain("Pebble Intermediate CA");
      expect(reply).toMatch(/every day/i);
      expect(title).toContain("stretch");
    },
    5 * MINUTE,
  );

  test(
    "a helm upgrade of the backend to a new image tag rolls over without one failed request through the site",
    async () => {
      const cookie = await signUpThroughSite(site);
      const result = await upgradeUnderLoad({
        service: "backend",
        tag: `upgrade-${Date.now()}`,
        siteUrl: site,
        cookie,
      });
      console.log(`helm upgrade: rolled in ${result.rolloutSeconds} s under ${result.requests} requests`);
      expect(result.requests).toBeGreaterThan(50);
      expect(result.failures).toEqual([]);
    },
    12 * MINUTE,
  );

  test(
    "SC-004: deleting each service's pod, then Kafka's and PostgreSQL's, under a steady load loses and doubles nothing",
    async () => {
      const password = Buffer.from(
        await kubectl(["-n", "todo", "get", "secret", "todo-postgres", "-o", "jsonpath={.data.password}"]),
        "base64",
      ).toString();
      const pgHost = (await serviceUrl("postgres", 5432)).replace("http://", "");
      const result = await runPodChaos({
        backendUrl: await serviceUrl("backend", 8000),
        postgresUrl: `postgres://postgres:${encodeURIComponent(password)}@${pgHost}`,
      });
      for (const c of result.checks)
        console.log(
          `SC-004: ${c.failures === 0 ? "ok  " : "FAIL"} ${c.name} (${c.checked} checked)${c.examples.length ? `: ${c.examples.slice(0, 3).join("; ")}` : ""}`,
        );
      console.log(
        `SC-004: ${result.acknowledged} of ${result.mutations} mutations acknowledged; recovery (s): ${JSON.stringify(result.recovered)}`,
      );
      expect(result.acknowledged).toBeGreaterThan(30);
      expect(result.checks.filter((c) => c.failures > 0).map((c) => c.name)).toEqual([]);
    },
    15 * MINUTE,
  );
});
