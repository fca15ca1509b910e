// The bare baseline of bench/load: the same requests the simulated people make, answered by a
// minimal Bun.serve handler on Bun's own PostgreSQL client, on the backend's database and tables,
// with no framework, no validation, no auth check (the user is the token's `sub`, read without
// verifying), no chat interpreter (a message starting with "add" inserts its text, "Mark … as done"
// completes the first pending task with that text, anything else is a title search), no outbox and
// no events. What the project costs above this is what its features and its shape cost.
// Run by bench/load/run.ts as its own process: bun bench/load/bare-server.ts <port> <database url>
import { SQL } from "bun";

const [port, databaseUrl] = process.argv.slice(2);
const sql = new SQL(databaseUrl!, { max: 10 });
const COLUMNS =
  "id, title, description, status, priority, tags, due_date, due_at, completed_at, created_at, updated_at";
const ORDER: Record<string, string> = {
  due: "due_at asc nulls last, created_at, id",
  priority: "priority desc, created_at, id",
};

function userOf(request: Request): string | undefined {
  const cookie = request.headers.get("cookie") ?? "";
  const token = decodeURIComponent(cookie.match(/session=([^;]+)/)?.[1] ?? "");
  try {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()).sub;
  } catch {
    return undefined;
  }
}

/** `GET /api/tasks` with the filters the bench uses: status, priority (comma list), tag, q, sort, limit. */
async function listTasks(userId: string, query: URLSearchParams) {
  const where = ["user_id = $1"];
  const params: unknown[] = [userId];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace("?", `$${params.length}`));
  };
  if (query.get("status")) add("status = ?", query.get("status"));
  if (query.get("priority")) add("priority::text = any(string_to_array(?, ','))", query.get("priority"));
  if (query.get("tag")) add("? = any(tags)", query.get("tag"));
  if (query.get("q")) add("title ilike '%' || ? || '%'", query.get("q"));
  const order = ORDER[query.get("sort") ?? ""] ?? "created_at desc, id desc";
  const limit = Math.min(Number(query.get("limit") ?? 50), 100);
  const rows = await sql.unsafe(
    `select ${COLUMNS} from tasks where ${where.join(" and ")} order by ${order} limit ${limit}`,
    params,
  );
  return { tasks: rows };
}

async function chat(userId: string, message: string) {
  const now = new Date();
  if (/^add /i.test(message)) {
    const id = Bun.randomUUIDv7();
    await sql`insert into tasks (id, user_id, title, created_at, updated_at) values (${id}, ${userId}, ${message.slice(4)}, ${now}, ${now})`;
    return { reply: "added", actions: [{ type: "task.created", task_id: id }] };
  }
  const done = message.match(/^Mark (.+) as done$/);
  if (done) {
    const rows = await sql`update tasks set status = 'completed', completed_at = ${now}, updated_at = ${now}
      where id = (select id from tasks where user_id = ${userId} and status = 'pending'
                  and title ilike ${`%${done[1]}%`} limit 1) returning id`;
    return {
      reply: "done",
      actions: rows.map((r: { id: string }) => ({ type: "task.completed", task_id: r.id })),
    };
  }
  const word = message.split(" ").at(-1) ?? "";
  const tasks = await sql`select ${sql.unsafe(COLUMNS)} from tasks where user_id = ${userId}
    and title ilike ${`%${word}%`} order by created_at desc limit 50`;
  return { reply: "found", actions: [], tasks };
}

const server = Bun.serve({
  port: Number(port),
  hostname: "127.0.0.1",
  async fetch(request) {
    const userId = userOf(request);
    if (!userId) return Response.json({ error: "sign in" }, { status: 401 });
    const url = new URL(request.url);
    if (request.method === "GET" && url.pathname === "/api/tasks")
      return Response.json(await listTasks(userId, url.searchParams));
    if (request.method === "POST" && url.pathname === "/api/chat") {
      const { message } = (await request.json()) as { message: string };
      return Response.json(await chat(userId, message));
    }
    return Response.json({ error: "not found" }, { status: 404 });
  },
});
console.log(`bare listening on ${server.port}`);
