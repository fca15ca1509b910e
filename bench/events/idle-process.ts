// A connected, idle producer and consumer of one adapter: CPU time spent over a quiet period.
// Usage: bun bench/events/idle-process.ts <kafkajs|platformatic|none> <brokers> <seconds>; prints one JSON line.
import { createAdapter, type Adapter } from "./adapters.ts";

const [adapter, brokers, seconds] = process.argv.slice(2);
let close = async () => {};
if (adapter !== "none") {
  const transport = createAdapter(adapter as Adapter, brokers!, "bench-idle");
  const topic = `idle-${adapter}-${crypto.randomUUID().slice(0, 8)}`;
  await transport.ensureTopics([topic]);
  let received = 0;
  const subscription = await transport.subscribe({
    group: `idle-${crypto.randomUUID().slice(0, 8)}`,
    topics: [topic],
    onMessage: async () => void received++,
  });
  await transport.publish([{ topic, key: "k", value: "connected", headers: {} }]);
  while (received === 0) await Bun.sleep(10);
  close = async () => {
    await subscription.stop();
    await transport.close();
  };
}
await Bun.sleep(2000); // past the join, the first commits and the first metadata refresh
const before = process.cpuUsage();
const started = performance.now();
await Bun.sleep(Number(seconds) * 1000);
const used = process.cpuUsage(before);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started }));
await close();
process.exit(0);
