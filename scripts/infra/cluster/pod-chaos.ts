// SC-004 on the real cluster: under a steady stream of people's mutations (bench/chaos's workload,
// straight to the backend), delete each service's pod and then the Kafka and PostgreSQL pods, one at a
// time, and time how long each takes to be replaced and ready. Then verify from the services' own
// databases (bench/chaos/verify.ts) that nothing acknowledged was lost and nothing happened twice.
import pg from "pg";
import { readSnapshot, verify, type Check } from "../../../bench/chaos/verify.ts";
import { createWorkload } from "../../../bench/chaos/workload.ts";
import { kubectl, waitFor } from "./kube.ts";
import { seconds } from "./sh.ts";

export const CHAOS_TARGETS = ["backend", "recurring", "notifier", "site", "kafka", "postgres"] as const;
type PodList = {
  items: {
    metadata: { name: string; deletionTimestamp?: string };
    status: { containerStatuses?: { ready: boolean }[] };
  }[];
};

async function podsOf(app: string): Promise<PodList["items"]> {
  return (
    JSON.parse(
      await kubectl(["-n", "todo", "get", "pods", "-l", `app.kubernetes.io/name=${app}`, "-o", "json"]),
    ) as PodList
  ).items;
}

/** Deletes the app's pod and resolves with the seconds until a different pod of it is ready. */
export async function deletePodAndWait(app: string): Promise<number> {
  const old = (await podsOf(app)).map((p) => p.metadata.name);
  const started = performance.now();
  await kubectl(["-n", "todo", "delete", "pod", "-l", `app.kubernetes.io/name=${app}`, "--wait=false"]);
  await waitFor(
    `a new ${app} pod to be ready`,
    async () => {
      const pods = await podsOf(app);
      const fresh = pods.filter(
        (p) =>
          !p.metadata.deletionTimestamp &&
          (app === "kafka" || app === "postgres" || !old.includes(p.metadata.name)),
      );
      const ready = (p: PodList["items"][number]) =>
        (p.status.containerStatuses ?? []).length > 0 && p.status.containerStatuses!.every((c) => c.ready);
      // A StatefulSet's pod keeps its name: wait for the old one to be gone first.
      return (
        fresh.length > 0 &&
        fresh.every(ready) &&
        (app === "kafka" || app === "postgres" ? performance.now() - started > 3000 : true)
      );
    },
    300_000,
  );
  return Number(seconds(started));
}

async function queryFor(postgresUrl: string) {
  const clients = new Map<string, pg.Client>();
  const query = async (db: string, text: string) => {
    let client = clients.get(db);
    if (!client) {
      client = new pg.Client({ connectionString: `${postgresUrl}/${db}` });
      await client.connect();
      clients.set(db, client);
    }
    return (await client.query(text)).rows as Record<string, unknown>[];
  };
  return { query, close: () => Promise.all([...clients.values()].map((c) => c.end())) };
}

export interface ChaosResult {
  recovered: Record<string, number>;
  mutations: number;
  acknowledged: number;
  checks: Check[];
}

export async function runPodChaos(opts: {
  backendUrl: string;
  postgresUrl: string;
  betweenSeconds?: number;
}): Promise<ChaosResult> {
  const started = performance.now();
  const clock = () => performance.now() - started;
  const lead: [number, number] = [5, 25];
  const workload = createWorkload({
    backendUrl: () => opts.backendUrl,
    people: 3,
    rate: 3,
    leadSeconds: lead,
    clock,
  });
  await workload.signUp(crypto.randomUUID().slice(0, 8));
  workload.start();
  await Bun.sleep(10_000);
  const recovered: Record<string, number> = {};
  for (const app of CHAOS_TARGETS) {
    recovered[app] = await deletePodAndWait(app);
    console.log(`SC-004: ${app} pod deleted, a new one ready in ${recovered[app]} s`);
    await Bun.sleep((opts.betweenSeconds ?? 10) * 1000);
  }
  await workload.stop();
  const settledBefore = Date.now() + lead[1] * 1000;
  // Reminders due up to lead[1] s after the last mutation must fire; then the backlog drains.
  await Bun.sleep((lead[1] + 10) * 1000);
  const { query, close } = await queryFor(opts.postgresUrl);
  let checks: Check[] = [];
  try {
    await waitFor(
      "every chaos check to pass (the backlog to drain)",
      async () => {
        checks = verify(await readSnapshot(query), {
          mutations: workload.mutations,
          graceSeconds: 900,
          settledBefore,
        });
        return checks.every((c) => c.failures === 0);
      },
      120_000,
    ).catch(() => undefined);
  } finally {
    await close();
  }
  const acknowledged = workload.mutations.filter((m) => m.outcome === "acknowledged").length;
  return { recovered, mutations: workload.mutations.length, acknowledged, checks };
}
