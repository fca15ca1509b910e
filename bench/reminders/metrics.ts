// Reads the services' Prometheus counters: how the benchmark knows that events were consumed
// without touching a service's database while it runs (PGlite allows one process only).

export type Samples = Map<string, number>;

/** Every sample of a service's /metrics, keyed by its full name with labels as printed. */
export async function scrape(serviceUrl: string): Promise<Samples> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  const samples: Samples = new Map();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** The value of `name` whose labels include all of `labels` (0 when there is none yet). */
export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  for (const [key, value] of samples) {
    const open = key.indexOf("{");
    if ((open < 0 ? key : key.slice(0, open)) !== name) continue;
    if (Object.entries(labels).every(([k, v]) => key.includes(`${k}="${v}"`))) return value;
  }
  return 0;
}

export interface Consumed {
  service: string;
  url: string;
  consumer: string;
  topic: string;
}

export const consumedCount = async (c: Consumed) =>
  sample(await scrape(c.url), "events_consumed_total", { consumer: c.consumer, topic: c.topic });

/**
 * Polls until each consumer has handled at least `atLeast` events of its topic; resolves with the
 * time it happened, or undefined after `timeoutMs` (the caller reports that, it is a result too).
 */
export async function waitForConsumed(
  wanted: (Consumed & { atLeast: number })[],
  timeoutMs: number,
  everyMs = 250,
): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(wanted.map(consumedCount));
    if (counts.every((n, i) => n >= wanted[i]!.atLeast)) return Date.now();
    if (Date.now() > deadline) return undefined;
    await Bun.sleep(everyMs);
  }
}
