// A simulated person using the product through the site, as a browser would: their own account
// (signed up through `POST /api/auth/signup`, session in the cookie), one `GET /events` stream held
// open, and between pauses of `think` seconds (uniform 0.5x..1.5x) one action from a realistic mix:
// chat turns that add, complete and search, and list and filter calls on the task list.
import { openEventStream, type SseStream } from "./sse-client.ts";

export const OP_KINDS = ["chat add", "chat complete", "chat search", "list", "filter"] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** Share of each action; a complete with nothing left to complete adds instead. */
export const MIX: [OpKind, number][] = [
  ["chat add", 0.2],
  ["chat complete", 0.1],
  ["chat search", 0.15],
  ["list", 0.35],
  ["filter", 0.2],
];

export interface Sample {
  kind: OpKind;
  /** ms since the bench started, when the request was sent */
  at: number;
  ms: number;
  /** HTTP status, 0 for a network error, -1 for the client-side time-out */
  status: number;
}

export interface Recorder {
  samples: Sample[];
  /** chat request sent -> the task's update arrived on the user's event stream, ms */
  live: { at: number; ms: number }[];
}

const REQUEST_TIMEOUT_MS = 15_000;
const WORDS = [
  "milk",
  "report",
  "dentist",
  "flights",
  "invoice",
  "garden",
  "plumber",
  "slides",
  "tickets",
  "groceries",
];
const ADDS = [
  (w: string, k: string) => `add buy ${w} ${k}`,
  (w: string, k: string) => `Add a high-priority task: prepare ${w} ${k}, tags: work, urgent`,
  (w: string, k: string) => `add call about ${w} ${k} due next Friday`,
  (w: string, k: string) => `add low priority task sort ${w} ${k} tag home`,
];
const SEARCHES = [
  (w: string) => `find tasks about ${w}`,
  () => "Show me all high-priority tasks",
  () => "show my work tasks",
];
const FILTERS = [
  "priority=high&tag=work",
  "status=pending&sort=due",
  "q=report",
  "tag=urgent&status=pending",
  "priority=low,medium&sort=priority",
];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
// Letters only, so the interpreter never reads a digit of a title as a time.
const code = (n: number) =>
  Array.from({ length: 4 }, (_, i) => String.fromCharCode(97 + (Math.floor(n / 26 ** i) % 26))).join("");

export class SimulatedUser {
  cookie = "";
  stream?: SseStream;
  private pending: string[] = [];
  private conversation?: string;
  private counter = 0;
  private running = false;
  private loop?: Promise<void>;
  /** chat requests waiting for their task's live update, and updates that came before the reply */
  private waiting = new Map<string, number>();
  private early = new Map<string, number>();

  constructor(
    readonly index: number,
    private siteUrl: string,
    private readonly recorder: Recorder,
    private readonly clock: () => number,
  ) {}

  /** This person's email in run `runId`. */
  email(runId: string): string {
    return `load-${runId}-${this.index}@example.com`;
  }

  /** Sends this person's actions to another server from now on (the bare baseline). */
  aimAt(url: string): void {
    this.siteUrl = url;
    this.waiting.clear();
    this.early.clear();
  }

  /** Signs in with a session token made elsewhere (bench/lib/seed-accounts.ts): the site's cookie. */
  useSession(token: string): void {
    this.cookie = `session=${encodeURIComponent(token)}`;
  }

  async signUp(runId: string): Promise<void> {
    const res = await fetch(`${this.siteUrl}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: this.email(runId),
        password: "correct horse battery staple",
        timezone: "UTC",
      }),
    });
    if (res.status !== 201) throw new Error(`signup ${this.index}: HTTP ${res.status} ${await res.text()}`);
    this.cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  }

  async connect(): Promise<void> {
    if (this.stream?.open()) return;
    this.stream = await openEventStream(this.siteUrl, this.cookie, (event) => {
      const sent = this.waiting.get(event.taskId);
      if (sent === undefined) return void this.early.set(event.taskId, event.at);
      this.waiting.delete(event.taskId);
      this.recorder.live.push({ at: this.clock(), ms: event.at - sent });
    });
  }

  start(thinkSeconds: number): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      // Spread the first actions over one think time, so users do not move in lockstep.
      await Bun.sleep(Math.random() * thinkSeconds * 1000);
      while (this.running) {
        await this.act();
        await Bun.sleep(thinkSeconds * 1000 * (0.5 + Math.random()));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stream?.close();
    await this.loop;
  }

  private chooseKind(): OpKind {
    let r = Math.random();
    for (const [kind, share] of MIX)
      if ((r -= share) < 0) return kind === "chat complete" && this.pending.length === 0 ? "chat add" : kind;
    return "list";
  }

  private async act(): Promise<void> {
    const kind = this.chooseKind();
    const word = pick(WORDS);
    if (kind === "list")
      return void (await this.request(kind, "GET", "/api/tasks?status=pending&sort=due&limit=50"));
    if (kind === "filter") return void (await this.request(kind, "GET", `/api/tasks?${pick(FILTERS)}`));
    let message: string;
    let title: string | undefined;
    if (kind === "chat add") {
      const k = code(this.index * 1000 + this.counter++);
      message = pick(ADDS)(word, k);
      title = k;
    } else if (kind === "chat complete") {
      message = `Mark ${this.pending.shift()} as done`;
    } else message = pick(SEARCHES)(word);
    const sent = performance.now();
    const reply = await this.request(kind, "POST", "/api/chat", {
      message,
      ...(this.conversation ? { conversation_id: this.conversation } : {}),
    });
    if (!reply) return;
    this.conversation = reply.conversation_id ?? this.conversation;
    for (const action of (reply.actions ?? []) as { type: string; task_id?: string }[]) {
      if (!action.task_id || (action.type !== "task.created" && action.type !== "task.completed")) continue;
      if (action.type === "task.created" && title) this.pending.push(title);
      const early = this.early.get(action.task_id);
      if (early !== undefined) {
        this.early.delete(action.task_id);
        this.recorder.live.push({ at: this.clock(), ms: early - sent });
      } else this.waiting.set(action.task_id, sent);
    }
    if (this.early.size > 1000) this.early.clear(); // updates nobody waits for (another tab's, say)
  }

  private async request(kind: OpKind, method: string, path: string, body?: unknown): Promise<any> {
    const at = this.clock();
    const started = performance.now();
    let status = 0;
    try {
      const res = await fetch(`${this.siteUrl}${path}`, {
        method,
        headers: { cookie: this.cookie, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = res.status;
      const json = await res.json();
      this.recorder.samples.push({ kind, at, ms: performance.now() - started, status });
      return res.ok ? json : undefined;
    } catch (error) {
      if ((error as Error).name === "TimeoutError") status = -1;
      this.recorder.samples.push({ kind, at, ms: performance.now() - started, status });
      return undefined;
    }
  }
}
