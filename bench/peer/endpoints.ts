// bench/peer/endpoints: which of Vikunja's task-list endpoints answers a page of 50 fastest, so that
// bench/peer compares this project with Vikunja at its best: a project's table view
// (/projects/{id}/views/{view}/tasks) against the user's own list (/tasks), newest first, in its
// default order and by due date, 20 requests each, two rounds, on a fresh Vikunja seeded with --tasks.
// Usage: bun bench/peer/endpoints.ts [tasks, default 10000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureVikunja } from "./build-vikunja.ts";
import { startVikunja } from "./vikunja.ts";
import { corpus, LABELS } from "../lib/task-corpus.ts";
const n = Number(process.argv[2] ?? 10000);
const built = await ensureVikunja();
if ("skipped" in built) throw new Error(built.skipped);
const dir = mkdtempSync(join(tmpdir(), "vk-probe-"));
const v = await startVikunja(built.binary, dir, 4795, LABELS);
v.seed(corpus(n));
await Bun.sleep(3000);
const paths: Record<string, string> = {
  "view, id desc": `${v.viewTasksPath}?sort_by[]=id&order_by[]=desc&per_page=50&page=1`,
  "view, default": `${v.viewTasksPath}?per_page=50&page=1`,
  "/tasks, id desc": `${v.tasksPath}?sort_by[]=id&order_by[]=desc&per_page=50&page=1`,
  "/tasks, default": `${v.tasksPath}?per_page=50&page=1`,
  "view, sort due": `${v.viewTasksPath}?sort_by[]=due_date&order_by[]=asc&sort_by[]=id&order_by[]=asc&per_page=50&page=1`,
  "/tasks, sort due": `${v.tasksPath}?sort_by[]=due_date&order_by[]=asc&sort_by[]=id&order_by[]=asc&per_page=50&page=1`,
};
for (let round = 0; round < 2; round++)
  for (const [name, path] of Object.entries(paths)) {
    const t: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await v.get(path);
      t.push(performance.now() - t0);
      if (i === 0 && round === 0) console.log(name, "items", r.body.length);
    }
    t.sort((a, b) => a - b);
    console.log(`${name}: p50 ${t[10]!.toFixed(1)} ms, max ${t[19]!.toFixed(1)}`);
  }
await v.stop();
rmSync(dir, { recursive: true, force: true });
