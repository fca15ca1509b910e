/**
 * A small Prometheus registry: counters and histograms with labels, plus gauges read at scrape
 * time. Rendered as the Prometheus text format at each service's `/metrics`.
 */
type Labels = Record<string, string>;
const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
const render = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length === 0
    ? ""
    : `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`).join(",")}}`;
};

interface Family {
  help: string;
  type: "counter" | "gauge" | "histogram";
  lines(): string[];
}

export class Metrics {
  private families = new Map<string, Family>();

  counter(name: string, help: string) {
    const values = new Map<string, { labels: Labels; value: number }>();
    this.families.set(name, {
      help,
      type: "counter",
      lines: () => [...values.values()].map((v) => `${name}${render(v.labels)} ${v.value}`),
    });
    return {
      inc(labels: Labels = {}, by = 1) {
        const k = key(labels);
        const current = values.get(k) ?? values.set(k, { labels, value: 0 }).get(k)!;
        current.value += by;
      },
      get: (labels: Labels = {}) => values.get(key(labels))?.value ?? 0,
    };
  }

  /** A gauge whose samples are computed when scraped (e.g. outbox backlog from the database). */
  gauge(name: string, help: string, read: () => Promise<{ labels?: Labels; value: number }[]>) {
    let last: string[] = [];
    this.families.set(name, { help, type: "gauge", lines: () => last });
    return {
      refresh: async () =>
        void (last = (await read()).map((s) => `${name}${render(s.labels ?? {})} ${s.value}`)),
    };
  }

  histogram(
    name: string,
    help: string,
    buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  ) {
    const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
    this.families.set(name, {
      help,
      type: "histogram",
      lines: () =>
        [...series.values()].flatMap((s) => [
          ...buckets.map((b, i) => `${name}_bucket${render({ ...s.labels, le: String(b) })} ${s.counts[i]}`),
          `${name}_bucket${render({ ...s.labels, le: "+Inf" })} ${s.count}`,
          `${name}_sum${render(s.labels)} ${s.sum}`,
          `${name}_count${render(s.labels)} ${s.count}`,
        ]),
    });
    return {
      observe(seconds: number, labels: Labels = {}) {
        const k = key(labels);
        const s =
          series.get(k) ?? series.set(k, { labels, counts: buckets.map(() => 0), sum: 0, count: 0 }).get(k)!;
        buckets.forEach((b, i) => {
          if (seconds <= b) s.counts[i]! += 1;
        });
        s.sum += seconds;
        s.count += 1;
      },
    };
  }

  private refreshers: (() => Promise<void>)[] = [];
  onScrape(refresh: () => Promise<void>) {
    this.refreshers.push(refresh);
  }

  async render(): Promise<string> {
    await Promise.all(this.refreshers.map((r) => r().catch(() => {})));
    return `${[...this.families]
      .flatMap(([name, f]) => [`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`, ...f.lines()])
      .join("\n")}\n`;
  }
}

/** The messaging metrics every service exposes. */
export function messagingMetrics(metrics: Metrics) {
  return {
    published: metrics.counter("events_published_total", "events the relay published, by topic"),
    consumed: metrics.counter(
      "events_consumed_total",
      "events handled by a consumer (ignored ones included), by topic and consumer",
    ),
    duplicates: metrics.counter(
      "events_duplicates_skipped_total",
      "redelivered events the inbox recognised and skipped",
    ),
    ignored: metrics.counter(
      "events_ignored_total",
      "events a consumer's handlers leave untouched, acknowledged with no transaction (also counted as consumed), by topic and consumer",
    ),
    deadLettered: metrics.counter(
      "events_dead_lettered_total",
      "events sent to <topic>.dlq, by topic and reason",
    ),
    handlerSeconds: metrics.histogram(
      "event_handler_seconds",
      "time to handle one event, including its transaction",
    ),
    publishErrors: metrics.counter(
      "outbox_publish_errors_total",
      "failed attempts to publish an outbox batch",
    ),
  };
}
export type MessagingMetrics = ReturnType<typeof messagingMetrics>;
