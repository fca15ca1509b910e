import { useCallback, useEffect, useState } from "react";
import { api, messageOf } from "../lib/api.ts";
import type { Task } from "../lib/types.ts";
import { filtersFromUrl, filtersToQuery, isFiltered, NO_FILTERS, type Filters } from "./filters-url.ts";
import { TaskCard } from "./task-card.tsx";
import { TaskFilters } from "./task-filters.tsx";

interface Props {
  zone: string;
  /** Bumped whenever something may have changed a task (a live event, a chat turn). */
  version: number;
  onChanged: () => void;
  onTryExample: (text: string) => void;
}

const EXAMPLES = ["Add a high-priority task: prepare slides, tags: work", "Every Monday at 9 AM add a standup task", "remind me in 2 hours to stretch"];

/** The task list: filters kept in the URL, live reloads, and an empty state that shows what to say. */
export function TaskPanel({ zone, version, onChanged, onTryExample }: Props) {
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(location.search));
  const [tasks, setTasks] = useState<Task[]>();
  const [error, setError] = useState<string>();

  const changeFilters = useCallback((next: Filters) => {
    const query = filtersToQuery(next);
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
    setFilters(next);
  }, []);

  useEffect(() => {
    const onPop = () => setFilters(filtersFromUrl(location.search));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  useEffect(() => {
    let current = true;
    const query = filtersToQuery(filters);
    api<{ items: Task[] }>("GET", `/api/tasks?sort=due&limit=200${query ? `&${query}` : ""}`)
      .then((page) => current && (setTasks(page.items), setError(undefined)))
      .catch((failure) => current && setError(messageOf(failure)));
    return () => {
      current = false; // a newer filter or version answered later must win
    };
  }, [filters, version]);

  return (
    <section className="panel tasks-panel" aria-labelledby="tasks-title">
      <h2 id="tasks-title">Tasks</h2>
      <TaskFilters filters={filters} onChange={changeFilters} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p className="count" aria-live="polite">
        {tasks ? `${tasks.length} ${tasks.length === 1 ? "task" : "tasks"}${isFiltered(filters) ? " match" : ""}` : "Loading…"}
      </p>
      {tasks && tasks.length === 0 && (
        <div className="empty">
          {isFiltered(filters) ? (
            <>
              <p>No tasks match these filters.</p>
              <button type="button" onClick={() => changeFilters(NO_FILTERS)}>
                Clear filters
              </button>
            </>
          ) : (
            <>
              <p>No tasks yet. Tell the assistant what to do, for example:</p>
              <ul>
                {EXAMPLES.map((text) => (
                  <li key={text}>
                    <button type="button" className="link" onClick={() => onTryExample(text)}>
                      “{text}”
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ul className="task-list" aria-label="Task list">
        {tasks?.map((task) => (
          <li key={task.id}>
            <TaskCard task={task} zone={zone} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </section>
  );
}
