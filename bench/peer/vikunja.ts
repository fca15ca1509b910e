// The Vikunja side of bench/peer: start the built binary on its default SQLite, sign one user up,
// seed bench/lib/task-corpus.ts's tasks, and read its task list the way its web client does.
// Seeding writes the rows Vikunja's own task creation writes (checked against an API create on
// this commit: tasks, label_tasks, task_buckets for the kanban view, task_positions for the four
// views) straight into its SQLite file, in one transaction: through its API, SQLite takes ~31
// creates a second and answers "database is locked" to concurrent writers (issue 19).
import { Database } from "bun:sqlite";
import { join } from "node:path";
import type { Subprocess } from "bun";
import type { CorpusTask } from "../lib/task-corpus.ts";
import { vikunjaEnv } from "./build-vikunja.ts";

/** What bench/peer compares: one task as both products describe it. */
export const signature = (t: {
  title: string;
  description: string;
  priority: string;
  labels: string[];
  dueDate: string | null;
  done: boolean;
}) =>
  [
    t.title,
    t.description,
    t.priority,
    [...t.labels].sort().join(","),
    t.dueDate ?? "-",
    t.done ? "done" : "open",
  ].join("|");

const PRIORITY: Record<CorpusTask["priority"], number> = { high: 3, medium: 2, low: 1 };
const PRIORITY_NAME: Record<number, string> = { 3: "high", 2: "medium", 1: "low" };
const TOKEN_SECONDS = 8 * 60; // its login token lasts 10 minutes

interface VikunjaTask {
  title: string;
  description: string;
  priority: number;
  labels: { title: string }[] | null;
  due_date: string;
  done: boolean;
}

export interface Vikunja {
  process: Subprocess;
  /**
   * GET <path> under /api/v1 with a fresh-enough token; returns the parsed body and the headers.
   * With `timeoutMs`, a request still unanswered then is aborted (a TimeoutError).
   */
  get(path: string, timeoutMs?: number): Promise<{ body: VikunjaTask[]; headers: Headers }>;
  /**
   * The tasks URL the bench reads, relative to /api/v1: the user's own list of tasks (`/tasks`, all
   * their projects; the bench's user has one), its fastest: a project's table view
   * (`viewTasksPath`) answers the same page 5-6x slower (bench/peer/endpoints.ts).
   */
  tasksPath: string;
  /** The project's table view's tasks URL (no saved filter). */
  viewTasksPath: string;
  labelIds: Map<string, number>;
  seed(tasks: CorpusTask[]): void;
  stop(): Promise<void>;
}

const signatureOf = (t: VikunjaTask) =>
  signature({
    title: t.title,
    description: t.description,
    priority: PRIORITY_NAME[t.priority] ?? String(t.priority),
    labels: (t.labels ?? []).map((l) => l.title),
    dueDate: t.due_date.startsWith("0001-") ? null : t.due_date.slice(0, 10),
    done: t.done,
  });
export { signatureOf as vikunjaSignature };

export async function startVikunja(
  binary: string,
  dataDir: string,
  port: number,
  labels: readonly string[],
): Promise<Vikunja> {
  const env = vikunjaEnv(dataDir, port);
  const child = Bun.spawn([binary, "web"], {
    cwd: dataDir,
    env: { ...process.env, ...env },
    stdout: "ignore",
    stderr: "ignore",
  });
  try {
    return await prepare(child, dataDir, port, labels);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
}

async function prepare(
  child: Subprocess,
  dataDir: string,
  port: number,
  labels: readonly string[],
): Promise<Vikunja> {
  const api = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${api}/info`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300 || child.exitCode !== null) throw new Error(`Vikunja did not start (exit ${child.exitCode})`);
    await Bun.sleep(100);
  }
  const send = async (method: string, path: string, body: unknown, token?: string) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Vikunja ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const credentials = { username: "bench", password: "correct horse battery staple" };
  const user = await send("POST", "/register", { ...credentials, email: "bench@example.com" });
  let token = "";
  let tokenAt = -Infinity;
  const freshToken = async () => {
    if (performance.now() - tokenAt > TOKEN_SECONDS * 1000) {
      token = (await send("POST", "/login", credentials)).token as string;
      tokenAt = performance.now();
    }
    return token;
  };
  const project = (await send("PUT", "/projects", { title: "bench" }, await freshToken())) as {
    id: number;
    views: { id: number; view_kind: string; default_bucket_id: number; done_bucket_id: number }[];
  };
  const labelIds = new Map<string, number>();
  for (const title of labels)
    labelIds.set(title, (await send("PUT", "/labels", { title }, await freshToken())).id as number);
  const table = project.views.find((v) => v.view_kind === "table")!;
  const kanban = project.views.find((v) => v.view_kind === "kanban")!;

  return {
    process: child,
    tasksPath: "/tasks",
    viewTasksPath: `/projects/${project.id}/views/${table.id}/tasks`,
    labelIds,
    async get(path, timeoutMs) {
      const res = await fetch(`${api}${path}`, {
        headers: { authorization: `Bearer ${await freshToken()}` },
        signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`Vikunja GET ${path}: HTTP ${res.status} ${await res.text()}`);
      return { body: (await res.json()) as VikunjaTask[], headers: res.headers };
    },
    seed(tasks) {
      const db = new Database(join(dataDir, "vikunja.db"));
      db.exec("pragma busy_timeout = 10000");
      const at = (i: number) =>
        new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().slice(0, 19).replace("T", " ");
      const day = (d: string | null) => (d ? `${d} 00:00:00` : null);
      const insertTask = db.prepare(
        "insert into tasks (title, description, done, done_at, due_date, project_id, repeat_after, repeat_mode, priority, percent_done, `index`, uid, cover_image_attachment_id, created, updated, created_by_id) values (?, ?, ?, ?, ?, ?, 0, 0, ?, 0, ?, ?, 0, ?, ?, ?) returning id",
      );
      const insertLabel = db.prepare("insert into label_tasks (task_id, label_id, created) values (?, ?, ?)");
      const insertBucket = db.prepare(
        "insert into task_buckets (bucket_id, task_id, project_view_id) values (?, ?, ?)",
      );
      const insertPosition = db.prepare(
        "insert into task_positions (task_id, project_view_id, position) values (?, ?, ?)",
      );
      db.transaction(() => {
        for (const t of tasks) {
          const created = at(t.index);
          const { id } = insertTask.get(
            t.title,
            t.description,
            t.done ? 1 : 0,
            day(t.doneDate),
            day(t.dueDate),
            project.id,
            PRIORITY[t.priority],
            t.index + 1,
            crypto.randomUUID(),
            created,
            created,
            user.id as number,
          ) as { id: number };
          for (const label of t.labels) insertLabel.run(id, labelIds.get(label)!, created);
          insertBucket.run(t.done ? kanban.done_bucket_id : kanban.default_bucket_id, id, kanban.id);
          for (const view of project.views) insertPosition.run(id, view.id, (t.index + 1) * 65536);
        }
      })();
      db.close();
    },
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}
