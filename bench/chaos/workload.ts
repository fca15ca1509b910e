// The steady stream the chaos run keeps going while services die: people (their own accounts,
// straight to the backend's API with a bearer token) creating tasks with reminders a few seconds
// ahead, plain tasks, daily series whose first occurrence is the next whole minute (so the recurring service
// fires them during the run), and completing, editing and deleting their tasks. Every request's
// outcome is kept: *acknowledged* (2xx: the mutation committed and must have its events), *refused*
// (4xx/5xx or connection refused: nothing committed), or *unknown* (the connection broke mid-request:
// it may have committed).

export type MutationKind =
  | "create with reminder"
  | "create"
  | "create series"
  | "complete"
  | "update"
  | "delete";

export interface Mutation {
  kind: MutationKind;
  at: number;
  outcome: "acknowledged" | "refused" | "unknown";
  status: number;
  /** the task the mutation touched (known for creates only once acknowledged) */
  taskId?: string;
  /** the event the backend must have written for it */
  eventType: "task.created" | "task.completed" | "task.updated" | "task.deleted";
}

const MIX: [MutationKind, number][] = [
  ["create with reminder", 0.4],
  ["create", 0.1],
  ["create series", 0.12],
  ["complete", 0.15],
  ["update", 0.13],
  ["delete", 0.1],
];
const EVENT: Record<MutationKind, Mutation["eventType"]> = {
  "create with reminder": "task.created",
  create: "task.created",
  "create series": "task.created",
  complete: "task.completed",
  update: "task.updated",
  delete: "task.deleted",
};
const pad = (n: number) => String(n).padStart(2, "0");
// A series' dtstart is local wall time in the user's zone (UTC here), to the second.
const wallTime = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

export interface WorkloadOptions {
  backendUrl: () => string;
  people: number;
  /** mutations per second, all people together */
  rate: number;
  /** reminders and first occurrences fall this many seconds ahead (uniform between the two) */
  leadSeconds: [number, number];
  clock: () => number;
}

export function createWorkload(options: WorkloadOptions) {
  const mutations: Mutation[] = [];
  const tokens: string[] = [];
  const open: string[][] = []; // per person: tasks that may still be completed, edited or deleted
  let running = false;
  let loop: Promise<void> | undefined;
  let inFlight = 0;

  async function call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; json?: any; broken: boolean }> {
    try {
      const res = await fetch(`${options.backendUrl()}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      const json = res.status === 204 ? undefined : await res.json().catch(() => undefined);
      return { status: res.status, json, broken: false };
    } catch (error) {
      // Refused before sending: nothing committed. Reset or timed out mid-way: it may have.
      const message = String((error as Error).message ?? error);
      return { status: 0, broken: !/ConnectionRefused|ECONNREFUSED|Unable to connect/i.test(message) };
    }
  }

  async function mutate(person: number): Promise<void> {
    let r = Math.random();
    let kind: MutationKind = "create";
    for (const [k, share] of MIX)
      if ((r -= share) < 0) {
        kind = k;
        break;
      }
    const mine = open[person]!;
    if ((kind === "complete" || kind === "update" || kind === "delete") && mine.length === 0)
      kind = "create with reminder";
    const token = tokens[person]!;
    const at = options.clock();
    const ahead = () =>
      new Date(
        Date.now() +
          1000 * (options.leadSeconds[0] + Math.random() * (options.leadSeconds[1] - options.leadSeconds[0])),
      );
    let taskId: string | undefined;
    let result: Awaited<ReturnType<typeof call>>;
    if (kind === "create with reminder")
      result = await call("POST", "/api/tasks", token, {
        title: `chaos reminder ${at.toFixed(0)}`,
        reminder_time: ahead().toISOString(),
      });
    else if (kind === "create")
      result = await call("POST", "/api/tasks", token, {
        title: `chaos task ${at.toFixed(0)}`,
        priority: "low",
        tags: ["chaos"],
      });
    // Series fire at whole minutes (the backend keeps a rule's time to the minute), so the first
    // occurrence is the next whole minute at least the shortest lead ahead.
    else if (kind === "create series") {
      const firstAt = new Date(Math.ceil((Date.now() + options.leadSeconds[0] * 1000) / 60_000) * 60_000);
      result = await call("POST", "/api/tasks", token, {
        title: `chaos series ${at.toFixed(0)}`,
        recurrence: { rrule: "FREQ=DAILY", dtstart: wallTime(firstAt), timezone: "UTC" },
      });
    } else {
      taskId = mine.splice(Math.floor(Math.random() * mine.length), 1)[0]!;
      if (kind === "complete") result = await call("POST", `/api/tasks/${taskId}/complete`, token);
      else if (kind === "update")
        result = await call("PATCH", `/api/tasks/${taskId}`, token, {
          priority: "high",
          tags_add: ["edited"],
        });
      else result = await call("DELETE", `/api/tasks/${taskId}`, token);
      if (kind === "update" && result.status < 300) mine.push(taskId);
    }
    if (kind.startsWith("create") && result.status === 201) {
      taskId = result.json.id as string;
      mine.push(taskId);
    }
    const outcome =
      result.status >= 200 && result.status < 300 ? "acknowledged" : result.broken ? "unknown" : "refused";
    // A 404 for a task deleted or completed meanwhile is the product being right, not a fault.
    mutations.push({ kind, at, outcome, status: result.status, taskId, eventType: EVENT[kind] });
  }

  return {
    mutations,
    async signUp(runId: string) {
      for (let i = 0; i < options.people; i++) {
        const res = await call("POST", "/api/auth/signup", "", {
          email: `chaos-${runId}-${i}@example.com`,
          password: "correct horse battery staple",
          timezone: "UTC",
        });
        if (res.status !== 201) throw new Error(`signup: HTTP ${res.status}`);
        tokens.push(res.json.token);
        open.push([]);
      }
    },
    start() {
      running = true;
      loop = (async () => {
        let next = performance.now();
        while (running) {
          next += 1000 / options.rate;
          const person = Math.floor(Math.random() * options.people);
          inFlight++;
          void mutate(person).finally(() => inFlight--);
          await Bun.sleep(Math.max(0, next - performance.now()));
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
      while (inFlight > 0) await Bun.sleep(50);
    },
  };
}
