/**
 * What the task panel's head says about the list: how many it shows, open or done, and whether
 * filters hide some; "Loading…" before the first answer.
 * @example listCount(3, { onlyDone: false, filtered: true }) // "3 open, filtered"
 */
export function listCount(count: number | undefined, list: { onlyDone: boolean; filtered: boolean }): string {
  if (count === undefined) return "Loading…";
  return `${count} ${list.onlyDone ? "done" : "open"}${list.filtered ? ", filtered" : ""}`;
}
