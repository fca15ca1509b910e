// The task list's filters live in the URL, so a filtered view can be bookmarked and shared.
export interface Filters {
  priority: string;
  tags: string[];
  status: string;
  due_from: string;
  due_to: string;
  q: string;
}

export const NO_FILTERS: Filters = { priority: "", tags: [], status: "", due_from: "", due_to: "", q: "" };

export function filtersFromUrl(search: string): Filters {
  const params = new URLSearchParams(search);
  return {
    priority: params.get("priority") ?? "",
    tags: params.getAll("tag").filter(Boolean),
    status: params.get("status") ?? "",
    due_from: params.get("due_from") ?? "",
    due_to: params.get("due_to") ?? "",
    q: params.get("q") ?? "",
  };
}

/** The query string for both the page URL and `GET /api/tasks` (same parameter names, API.md). */
export function filtersToQuery(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.priority) params.set("priority", filters.priority);
  for (const tag of filters.tags) params.append("tag", tag);
  for (const key of ["status", "due_from", "due_to", "q"] as const)
    if (filters[key]) params.set(key, filters[key]);
  return params.toString();
}

export const isFiltered = (filters: Filters) => filtersToQuery(filters) !== "";

/** "travel, Urgent " → ["travel", "urgent"]: tags are lowercase and trimmed everywhere. */
export const parseTags = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  ),
];
