// Each reminder's way from its target time to the stored notification, read from the services'
// own tables after the run: when the recurring service fired its job (`jobs.fired_at`), when its
// relay had published the `reminder.fired` event (`outbox.published_at`), and when the notifier
// stored the notification (`notifications.delivered_at`, the notifier's clock inside its inbox
// transaction). All are the machine's real clock: no service runs with TEST_CLOCK here.
import { percentile } from "../lib/stats.ts";

export type Query = (
  service: "recurring" | "notifier",
  text: string,
  params: unknown[],
) => Promise<Record<string, unknown>[]>;

export interface Journey {
  reminderId: string;
  target: number;
  fired?: number;
  published?: number;
  stored?: number;
  status?: string;
}

const ms = (value: unknown) =>
  value === null || value === undefined ? undefined : new Date(value as string | Date).getTime();

/** The journeys of every one-time reminder of `userId` (one benchmark phase has its own user). */
export async function readJourneys(query: Query, userId: string): Promise<Journey[]> {
  const fired = await query(
    "recurring",
    `select j.reminder_id::text as reminder_id, j.due_at, j.fired_at, o.published_at
       from jobs j
       left join outbox o on o.topic = 'reminders' and o.payload->>'event_type' = 'reminder.fired' and o.payload->>'reminder_id' = j.reminder_id::text
      where j.user_id = $1 and j.kind = 'one-time'`,
    [userId],
  );
  const stored = new Map(
    (
      await query(
        "notifier",
        "select reminder_id::text as reminder_id, delivered_at, status from notifications where user_id = $1",
        [userId],
      )
    ).map((r) => [r.reminder_id as string, r]),
  );
  return fired.map((r) => {
    const n = stored.get(r.reminder_id as string);
    return {
      reminderId: r.reminder_id as string,
      target: ms(r.due_at)!,
      fired: ms(r.fired_at),
      published: ms(r.published_at),
      stored: ms(n?.delivered_at),
      status: n?.status as string | undefined,
    };
  });
}

const gaps = (
  journeys: Journey[],
  from: (j: Journey) => number | undefined,
  to: (j: Journey) => number | undefined,
) =>
  journeys.flatMap((j) => {
    const [a, b] = [from(j), to(j)];
    return a === undefined || b === undefined ? [] : [b - a];
  });

export interface Lateness {
  count: number;
  stored: number;
  notDelivered: number;
  /** target -> stored, ms */
  lateness: number[];
  /** target -> fired (scheduler), fired -> published (fire commit + relay), published -> stored (transport + notifier) */
  fire: number[];
  publish: number[];
  deliver: number[];
  /** distinct fire instants: each scheduler transaction stamps its whole batch with one `now` */
  fireBatches: number;
  /** median time between one scheduler transaction's start and the next's: what a batch takes, ms */
  fireBatchMs: number;
  /** distinct publish instants: each relay batch marks its rows with one `now` */
  publishBatches: number;
}

const distinct = (values: (number | undefined)[]) =>
  [...new Set(values.filter((v): v is number => v !== undefined))].sort((a, b) => a - b);

export function summarise(journeys: Journey[]): Lateness {
  return {
    count: journeys.length,
    stored: journeys.filter((j) => j.stored !== undefined).length,
    notDelivered: journeys.filter((j) => j.status !== undefined && j.status !== "delivered").length,
    lateness: gaps(
      journeys,
      (j) => j.target,
      (j) => j.stored,
    ),
    fire: gaps(
      journeys,
      (j) => j.target,
      (j) => j.fired,
    ),
    publish: gaps(
      journeys,
      (j) => j.fired,
      (j) => j.published,
    ),
    deliver: gaps(
      journeys,
      (j) => j.published,
      (j) => j.stored,
    ),
    fireBatches: distinct(journeys.map((j) => j.fired)).length,
    fireBatchMs: percentile(
      distinct(journeys.map((j) => j.fired)).flatMap((t, i, all) => (i === 0 ? [] : [t - all[i - 1]!])),
      50,
    ),
    publishBatches: distinct(journeys.map((j) => j.published)).length,
  };
}

/** "p50 / p99" of a list of milliseconds, in ms or s. */
export const pair = (values: number[], unit: "ms" | "s" = "ms") => {
  const f = (v: number) => (unit === "ms" ? v.toFixed(0) : (v / 1000).toFixed(1));
  return values.length === 0 ? "-" : `${f(percentile(values, 50))} / ${f(percentile(values, 99))}`;
};

/** When a stage had done its first event, half, and all of them, in seconds after `target`. */
export function progress(journeys: Journey[], at: (j: Journey) => number | undefined, target: number) {
  const times = journeys.flatMap((j) => {
    const t = at(j);
    return t === undefined ? [] : [(t - target) / 1000];
  });
  if (times.length === 0) return { done: 0, first: NaN, half: NaN, last: NaN, perSecond: NaN };
  const sorted = times.sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  return {
    done: sorted.length,
    first,
    half: percentile(sorted, 50),
    last,
    perSecond: sorted.length / Math.max(1e-3, last - first),
  };
}
