import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@todo/messaging/db";
import { taskColumns, tasks, type UserRow } from "../db/schema.ts";
import { Validation } from "@todo/service-kit";
import { addDays, isValidDate, startOfDay } from "../time/zoned.ts";
import { findSeries, UUID } from "./task-store.ts";
import { keywordConditions, keywordRank, keywordWords, type KeywordMode } from "./keyword-search.ts";
import { toTaskView, type TaskView } from "./task-view.ts";

const STATUSES = ["pending", "completed", "cancelled"] as const;
const PRIORITIES = ["high", "medium", "low"] as const;
const SORTS = ["created", "due", "priority", "relevance"] as const;

export interface TaskFilter {
  status?: (typeof STATUSES)[number][];
  priority?: (typeof PRIORITIES)[number][];
  tags?: string[];
  q?: string;
  dueFrom?: string;
  dueTo?: string;
  completedFrom?: string;
  completedTo?: string;
  seriesId?: string;
  sort: (typeof SORTS)[number];
  order: "asc" | "desc";
  limit: number;
  cursor?: string;
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Validation(field, `'${value}' is not one of ${allowed.join(", ")}`);
  return value as T;
}

function list<T extends string>(
  field: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined || value === "") return undefined;
  return value.split(",").map((v) => oneOf(field, v.trim().toLowerCase(), allowed));
}

function date(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!isValidDate(value)) throw new Validation(field, `'${value}' is not a date (YYYY-MM-DD)`);
  return value;
}

/** Reads API.md's list query parameters; every bad value is a Validation naming the parameter. */
export function parseTaskFilter(params: URLSearchParams): TaskFilter {
  const get = (name: string) => params.get(name) ?? undefined;
  const q = get("q")?.trim();
  if (q && q.length > 200) throw new Validation("q", "must be at most 200 characters");
  // A keyword search lists the best matches first unless the caller asks for another order.
  const sort = oneOf("sort", get("sort") ?? (q ? "relevance" : "created"), SORTS);
  if (sort === "relevance" && !q) throw new Validation("sort", "relevance needs a keyword (q)");
  const order = oneOf("order", get("order") ?? (sort === "due" ? "asc" : "desc"), ["asc", "desc"] as const);
  const limitText = get("limit") ?? "50";
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 500)
    throw new Validation("limit", "must be a whole number from 1 to 500");
  const seriesId = get("series_id");
  if (seriesId !== undefined && !UUID.test(seriesId)) throw new Validation("series_id", "must be a UUID");
  const tags = params
    .getAll("tag")
    .flatMap((t) => t.split(","))
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return {
    status: list("status", get("status"), STATUSES),
    priority: list("priority", get("priority"), PRIORITIES),
    tags: tags.length > 0 ? tags : undefined,
    q: q || undefined,
    dueFrom: date("due_from", get("due_from")),
    dueTo: date("due_to", get("due_to")),
    completedFrom: date("completed_from", get("completed_from")),
    completedTo: date("completed_to", get("completed_to")),
    seriesId,
    sort,
    order,
    limit,
    cursor: get("cursor"),
  };
}

// The sort key of each order, ending in the id so that the keyset is total. Expressions match
// the indexes; nulls sort last through coalesce so that row comparison works for the cursor.
function sortKey(filter: TaskFilter): SQL[] {
  const sort = filter.sort;
  switch (sort) {
    case "created":
      return [sql`${tasks.createdAt}`, sql`${tasks.id}`];
    case "due":
      return [
        sql`coalesce(${tasks.dueDate}, '9999-12-31'::date)`,
        sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`,
        sql`${tasks.id}`,
      ];
    case "priority":
      return [sql`${tasks.priority}`, sql`${tasks.createdAt}`, sql`${tasks.id}`];
    case "relevance":
      return [keywordRank(keywordWords(filter.q ?? "")), sql`${tasks.createdAt}`, sql`${tasks.id}`];
    default: {
      const never: never = sort;
      throw new Error(`unknown sort ${String(never)}`);
    }
  }
}

// A real's shortest text reads back as the same real, so the rank survives the cursor exactly.
const SORT_VALUES = {
  created: (t: TaskView) => [t.created_at, t.id],
  due: (t: TaskView) => [t.due_date ?? "9999-12-31", t.due_at ?? "infinity", t.id],
  priority: (t: TaskView) => [t.priority, t.created_at, t.id],
  relevance: (t: TaskView, rank: number) => [String(rank), t.created_at, t.id],
} satisfies Record<TaskFilter["sort"], (t: TaskView, rank: number) => string[]>;

const CURSOR_CASTS = {
  created: ["::timestamptz", "::uuid"],
  due: ["::date", "::timestamptz", "::uuid"],
  priority: ["::task_priority", "::timestamptz", "::uuid"],
  relevance: ["::real", "::timestamptz", "::uuid"],
} satisfies Record<TaskFilter["sort"], string[]>;

function encodeCursor(filter: TaskFilter, last: TaskView, rank: number, mode: KeywordMode): string {
  return Buffer.from(
    JSON.stringify({ s: filter.sort, o: filter.order, k: SORT_VALUES[filter.sort](last, rank), m: mode }),
  ).toString("base64url");
}

// What each position of a cursor's key must be, so that a crafted cursor is a 400 before its
// values reach PostgreSQL's casts (a bad date or uuid there was a 500).
type CursorKind = "date" | "instant" | "uuid" | "priority" | "rank";
const CURSOR_KINDS: Record<TaskFilter["sort"], CursorKind[]> = {
  created: ["instant", "uuid"],
  due: ["date", "instant", "uuid"],
  priority: ["priority", "instant", "uuid"],
  relevance: ["rank", "instant", "uuid"],
};
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function isCursorValue(kind: CursorKind, value: unknown): boolean {
  if (typeof value !== "string") return false;
  switch (kind) {
    case "date":
      return isValidDate(value);
    case "instant":
      return value === "infinity" || (CURSOR_INSTANT.test(value) && Number.isFinite(Date.parse(value)));
    case "uuid":
      return UUID.test(value);
    case "priority":
      return (PRIORITIES as readonly string[]).includes(value);
    case "rank":
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) && Number.isFinite(Number(value));
    default: {
      const never: never = kind;
      return never;
    }
  }
}

function decodeCursor(filter: TaskFilter): { keys: string[]; mode: KeywordMode } | undefined {
  if (!filter.cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(filter.cursor, "base64url").toString("utf8"));
    const kinds = CURSOR_KINDS[filter.sort];
    const ok =
      parsed.s === filter.sort &&
      parsed.o === filter.order &&
      Array.isArray(parsed.k) &&
      parsed.k.length === kinds.length &&
      parsed.k.every((v: unknown, i: number) => isCursorValue(kinds[i]!, v));
    if (ok) return { keys: parsed.k, mode: parsed.m === "substring" ? "substring" : "prefix" };
  } catch {
    // fall through: a cursor we cannot read is the client's error, reported below
  }
  throw new Validation(
    "cursor",
    "is not a cursor from this listing (keep sort and order the same when paging)",
  );
}

/**
 * Lists the user's tasks matching every given filter, one keyset page at a time. Keywords match
 * word starts first; only when that finds nothing does a first page try them as substrings, and
 * its cursor keeps the mode for the pages after.
 */
export async function searchTasks(
  db: Db,
  user: UserRow,
  filter: TaskFilter,
): Promise<{ items: TaskView[]; next_cursor: string | null }> {
  const after = decodeCursor(filter);
  const mode = after?.mode ?? "prefix";
  const page = await searchPage(db, user, filter, after?.keys, mode);
  if (page.items.length > 0 || !filter.q || after || mode === "substring") return page;
  return searchPage(db, user, filter, undefined, "substring");
}

async function searchPage(
  db: Db,
  user: UserRow,
  filter: TaskFilter,
  after: string[] | undefined,
  mode: KeywordMode,
): Promise<{ items: TaskView[]; next_cursor: string | null }> {
  const zone = user.timezone;
  const conditions: (SQL | undefined)[] = [eq(tasks.userId, user.id)];
  if (filter.status) conditions.push(inArray(tasks.status, filter.status));
  if (filter.priority) conditions.push(inArray(tasks.priority, filter.priority));
  if (filter.tags) conditions.push(sql`${tasks.tags} @> ${sql.param(filter.tags)}::text[]`);
  if (filter.q) conditions.push(...keywordConditions(keywordWords(filter.q), mode));
  if (filter.dueFrom) conditions.push(gte(tasks.dueDate, filter.dueFrom));
  if (filter.dueTo) conditions.push(lte(tasks.dueDate, filter.dueTo));
  // Completion dates are days in the user's zone: [start of from, start of the day after to).
  if (filter.completedFrom) conditions.push(gte(tasks.completedAt, startOfDay(filter.completedFrom, zone)));
  if (filter.completedTo)
    conditions.push(lt(tasks.completedAt, startOfDay(addDays(filter.completedTo, 1), zone)));
  if (filter.seriesId) conditions.push(eq(tasks.seriesId, filter.seriesId));
  const key = sortKey(filter);
  if (after) {
    const casts = CURSOR_CASTS[filter.sort];
    const values = sql.join(
      after.map((v, i) => sql`${v}${sql.raw(casts[i]!)}`),
      sql`, `,
    );
    conditions.push(
      filter.order === "asc"
        ? sql`(${sql.join(key, sql`, `)}) > (${values})`
        : sql`(${sql.join(key, sql`, `)}) < (${values})`,
    );
  }
  const direction = filter.order === "asc" ? asc : desc;
  // The rank is ordered by its name in the select list: written out twice, with its words as two
  // parameters, PostgreSQL would compute ts_rank twice for every match.
  const ordered = filter.sort === "relevance" ? [sql`"rank"`, ...key.slice(1)] : key;
  const rows = await db
    .select({
      ...taskColumns,
      rank: (filter.sort === "relevance" ? sql<number>`${key[0]}` : sql<number>`0`).as("rank"),
    })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(...ordered.map((k) => direction(k)))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const series = await findSeries(
    db,
    page.map((r) => r.seriesId),
  );
  const items = page.map((row) => toTaskView(row, row.seriesId ? series.get(row.seriesId) : null));
  const last = items.at(-1);
  return {
    items,
    next_cursor:
      rows.length > filter.limit && last ? encodeCursor(filter, last, Number(page.at(-1)!.rank), mode) : null,
  };
}
