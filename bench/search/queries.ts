// The query mix of issue 19 (the same kinds bench/peer sends to Vikunja), each as the API's query
// string and as the SQL a bare handler would run for it: the same filters, order and indexes.

export interface QueryKind {
  name: string;
  /** GET /api/tasks?<query> */
  query: string;
  /** What a minimal handler runs; $1 is the user id. Returns the first page plus one row, like the API. */
  bareSql: string;
}

const COLUMNS =
  "id, title, description, status, priority, tags, due_date, due_at, series_id, occurrence_at, reminder_id, reminder_time, completed_at, created_at, updated_at";
const NEWEST = "order by created_at desc, id desc limit 51";
const select = (where: string, order = NEWEST) =>
  `select ${COLUMNS} from tasks where user_id = $1 and ${where} ${order}`;
const rank = (words: string[]) =>
  `ts_rank(search_vector, to_tsquery('simple', '${words.map((w) => `''${w}'':*`).join(" | ")}'))`;
// Words match the start of a word through the full-text index, as the backend does first.
const keyword = (words: string[], extra = "") =>
  select(
    `search_vector @@ to_tsquery('simple', '${words.map((w) => `''${w}'':*`).join(" & ")}')${extra}`,
    `order by ${rank(words)} desc, created_at desc, id desc limit 51`,
  );

export const QUERY_KINDS: QueryKind[] = [
  {
    name: "priority + tag + status",
    query: "priority=high&tag=work&status=pending",
    bareSql: select("priority in ('high') and tags @> array['work'] and status in ('pending')"),
  },
  {
    name: "priority + tag + status + due week",
    query: "priority=high&tag=work&status=pending&due_from=2026-11-23&due_to=2026-11-29",
    bareSql: select(
      "priority in ('high') and tags @> array['work'] and status in ('pending') and due_date >= '2026-11-23' and due_date <= '2026-11-29'",
    ),
  },
  { name: "keyword", query: "q=presentation", bareSql: keyword(["presentation"]) },
  { name: "keyword, two words", query: "q=repair%20bike", bareSql: keyword(["repair", "bike"]) },
  {
    name: "keyword + status",
    query: "q=invoice&status=pending",
    bareSql: keyword(["invoice"], " and status in ('pending')"),
  },
  {
    name: "due range",
    query: "due_from=2026-12-01&due_to=2026-12-31",
    bareSql: select("due_date >= '2026-12-01' and due_date <= '2026-12-31'"),
  },
  { name: "two tags", query: "tag=work&tag=urgent", bareSql: select("tags @> array['work', 'urgent']") },
  {
    name: "sort by due",
    query: "sort=due",
    bareSql: select(
      "true",
      "order by coalesce(due_date, '9999-12-31'::date), coalesce(due_at, 'infinity'::timestamptz), id limit 51",
    ),
  },
  { name: "completed", query: "status=completed", bareSql: select("status in ('completed')") },
  { name: "list page of 50", query: "limit=50", bareSql: select("true") },
];
