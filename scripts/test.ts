// `npm test`: prepares every tool the selected tests need (scripts/testing/prepare.ts: one line per step,
// before any test runs), starts the servers they need (PostgreSQL, Neon's WebSocket proxy, Kafka), runs
// them with Bun's runner, stops the servers, and ends with one "N passed, N failed" line and the time of
// each phase.
// Flags: --tier unit|int|e2e|conformance|fuzz|dapr|cluster|all (default all; several with commas), and any path filters to
// pass to `bun test` (`npm test -- charts.int` runs the files whose path contains "charts.int").
import { Glob } from "bun";
import { clusterBuilt } from "./infra/cluster/build.ts";
import { daprBuilt as isDaprBuilt } from "./infra/dapr-bin.ts";
import { startPostgres } from "./infra/postgres.ts";
import { startNeonProxy } from "./infra/neon-proxy.ts";
import { startKafka } from "./infra/kafka.ts";
import { PrepareError, prepareFor } from "./testing/prepare.ts";

const args = process.argv.slice(2);
const tierFlag = args.indexOf("--tier");
const tier = tierFlag >= 0 ? args[tierFlag + 1] : "all";
const filters = tierFlag >= 0 ? args.filter((_, i) => i !== tierFlag && i !== tierFlag + 1) : args;
const root = new URL("..", import.meta.url).pathname;
const phases: string[] = [];
const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

// `all` runs the dapr tier only when daprd and the scheduler are already built (where infra/dapr.ts
// keeps them): a cold build takes ~6 minutes, too much for every CI run. `--tier dapr` builds them.
const daprBuilt = isDaprBuilt();
if (tier === "all" && !daprBuilt)
  console.log("test: skipping dapr tier: binaries not built (npm test -- --tier dapr builds them, ~6 min)");
// The cluster tier (a real single-node Kubernetes, ~8 min) runs in `all` when its tools are built
// (~60 min from empty caches, too much for every run): the prepare step first rebuilds any of the four images
// whose sources changed, so it always deploys the code under test.
const clusterReady = clusterBuilt();
if (tier === "all" && !clusterReady)
  console.log(
    "test: skipping cluster tier: not built (bun scripts/infra/cluster/cluster.ts build, ~60 min from empty caches; then npm test -- --tier cluster)",
  );
const tiers =
  tier === "all"
    ? [
        "unit",
        "int",
        "e2e",
        "conformance",
        "fuzz",
        ...(daprBuilt ? ["dapr"] : []),
        ...(clusterReady ? ["cluster"] : []),
      ]
    : tier!.split(",");
const files: string[] = [];
for (const pattern of tiers.map((t) => `**/*.${t}.test.ts`)) {
  for await (const file of new Glob(pattern).scan({ cwd: root })) {
    if (file.includes("node_modules/")) continue;
    if (filters.length === 0 || filters.some((f) => file.includes(f))) files.push(file);
  }
}
files.sort();
if (files.length === 0) {
  console.error(
    `test: no test file matches ${filters.length ? filters.join(" ") : "anything"} in the ${tier} tier`,
  );
  process.exit(1);
}
// The cluster tier brings its own PostgreSQL and Kafka (pods); unit tests need no server.
const needsServers = files.some((f) => !f.endsWith(".unit.test.ts") && !f.endsWith(".cluster.test.ts"));

const prepareStarted = performance.now();
try {
  await prepareFor(files, root, { also: needsServers ? ["postgres", "kafka"] : [] });
} catch (error) {
  console.error(error instanceof PrepareError ? error.message : error);
  console.error("\n0 passed, 1 failed (preparing the tools failed; no test ran)");
  process.exit(1);
}
phases.push(`prepare ${since(prepareStarted)}`);

const stops: (() => Promise<void>)[] = [];
const env: Record<string, string> = { ...(process.env as Record<string, string>), TZ: "UTC" };
let exitCode = 1;
try {
  if (needsServers) {
    const serversStarted = performance.now();
    const pg = await startPostgres();
    stops.push(pg.stop);
    env.TEST_DATABASE_URL = pg.url;
    console.log(`test: PostgreSQL at ${pg.url}`);
    const proxy = await startNeonProxy(pg);
    stops.push(proxy.stop);
    env.TEST_NEON_WS_PROXY = `127.0.0.1:${proxy.port}/v1`;
    console.log(`test: Neon WebSocket proxy at ${env.TEST_NEON_WS_PROXY}`);
    const kafka = await startKafka();
    stops.push(kafka.stop);
    env.TEST_KAFKA_BROKERS = kafka.brokers;
    console.log(`test: Apache Kafka at ${kafka.brokers}`);
    phases.push(`servers ${since(serversStarted)}`);
  }
  console.log(`test: ${files.length} files (${tier})`);
  const testsStarted = performance.now();
  const child = Bun.spawn([process.execPath, "test", "--timeout", "120000", ...files.map((f) => `./${f}`)], {
    cwd: root,
    env,
    stdout: "pipe",
    stderr: "pipe",
  });
  const counts = { pass: 0, fail: 0, skip: 0 };
  // Bun prints its summary on stderr; echo everything and pick the totals out of it.
  const relay = async (stream: ReadableStream<Uint8Array>, out: NodeJS.WriteStream) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(chunk, { stream: true });
      out.write(text);
      for (const m of text.matchAll(/^\s*(\d+) (pass|fail|skip)$/gm))
        counts[m[2] as keyof typeof counts] += Number(m[1]);
    }
  };
  await Promise.all([relay(child.stdout, process.stdout), relay(child.stderr, process.stderr), child.exited]);
  phases.push(`tests ${since(testsStarted)}`);
  exitCode = child.exitCode ?? 1;
  if (counts.pass + counts.fail === 0) exitCode = exitCode || 1; // a run that ran nothing is not a pass
  console.log(`\ntest: phases: ${phases.join(", ")}`);
  console.log(`${counts.pass} passed, ${counts.fail} failed${counts.skip ? `, ${counts.skip} skipped` : ""}`);
} finally {
  for (const stop of stops.reverse())
    await stop().catch((e) => console.error("test: stopping a server failed:", e));
}
process.exit(exitCode);
