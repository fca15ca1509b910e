import { useEffect, useState } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { Task, TaskPage } from "../lib/types.ts";
import { filtersToQuery, type Filters } from "./filters-url.ts";

export interface TaskList {
  tasks: Task[] | undefined;
  error: string | undefined;
}

// Pending tasks come in one call; done ones only when asked for (they pile up over the years).
const LIMIT = 200;
const fetchTasks = (filters: Filters) =>
  api<TaskPage>("GET", `/api/tasks?sort=due&limit=${LIMIT}&${filtersToQuery(filters)}`).then(
    (page) => page.items,
  );

/** `status` "pending" or "completed" over the user's other filters; null when that list is not shown. */
export function useTaskList(
  filters: Filters,
  status: "pending" | "completed",
  shown: boolean,
  version: number,
): TaskList {
  const [list, setList] = useState<TaskList>({ tasks: undefined, error: undefined });
  useEffect(() => {
    if (!shown) return setList({ tasks: undefined, error: undefined });
    let current = true; // a newer filter or version answered later must win
    fetchTasks({ ...filters, status })
      .then((tasks) => current && setList({ tasks, error: undefined }))
      .catch((failure) => current && setList((old) => ({ tasks: old.tasks, error: plainMessage(failure) })));
    return () => {
      current = false;
    };
  }, [filtersToQuery(filters), status, shown, version]);
  return list;
}
