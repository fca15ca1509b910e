import type { ReadFilters } from "./list-filters.ts";

/**
 * The list request in words, for replies like "No low-priority tasks tagged garden found.":
 * status and priority before "tasks", then tags, keyword and dates after it.
 */
export function describeFilters({ filters, dueLabel, completedLabel, overdue }: ReadFilters): string {
  const before: string[] = [];
  if (overdue) before.push("overdue");
  else if (filters.status && !(filters.status === "completed" && completedLabel)) before.push(filters.status);
  const priorities = filters.priority ?? [];
  if (priorities.length === 1) before.push(`${priorities[0]}-priority`);
  if (priorities.length > 1)
    before.push(`${priorities.slice(0, -1).join("-, ")}- or ${priorities.at(-1)}-priority`);
  const after: string[] = [];
  const tags = filters.tags ?? [];
  if (tags.length > 0)
    after.push(
      `tagged ${tags.length === 1 ? tags[0] : `${tags.slice(0, -1).join(", ")} and ${tags.at(-1)}`}`,
    );
  if (filters.q) after.push(`about ${filters.q}`);
  if (dueLabel) after.push(`due ${dueLabel}`);
  if (completedLabel) after.push(`completed ${completedLabel}`);
  return [...before, "tasks", ...after].join(" ");
}
