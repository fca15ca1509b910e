import { useCallback, useEffect, useState } from "react";
import type { Task } from "../lib/types.ts";
import { filtersFromUrl, filtersToQuery, isFiltered, NO_FILTERS, type Filters } from "./filters-url.ts";
import { groupBySection, SECTION_TITLES } from "./due-dates.ts";
import { TaskFilters } from "./task-filters.tsx";
import { TaskRow, type RowActions } from "./task-row.tsx";
import { useTaskList } from "./use-task-list.ts";
import { moveFocusBetweenRows } from "./list-keys.ts";
import { useRevealTask, type RevealRequest } from "./use-reveal-task.ts";

interface Props {
  zone: string;
  now: Date;
  /** Bumped whenever something may have changed a task (a live event, a chat turn). */
  version: number;
  actions: RowActions;
  /** Tasks whose reminder fired and is unread. */
  reminded: Set<string>;
  /** "Open" on a reminder: this task comes into view with focus, whatever the filters. */
  reveal: RevealRequest | undefined;
  onTryExample: (text: string) => void;
  onRetry: () => void;
}

const EXAMPLES = [
  "Add a high-priority task: prepare slides, tags: work",
  "Every Monday at 9 AM add a standup task",
  "remind me in 2 hours to stretch",
];

/** The task list: sections by due date, done tasks behind a toggle, filters folded away until used. */
export function TaskPanel({ zone, now, version, actions, reminded, reveal, onTryExample, onRetry }: Props) {
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(location.search));
  const [filtersOpen, setFiltersOpen] = useState(() => isFiltered(filtersFromUrl(location.search)));
  const [showDone, setShowDone] = useState(false);
  const onlyDone = filters.status === "completed";
  const pending = useTaskList(filters, "pending", !onlyDone, version);
  const done = useTaskList(filters, "completed", showDone || onlyDone, version);

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

  const revealNotice = useRevealTask(reveal, {
    filtered: isFiltered(filters),
    clearFilters: () => changeFilters(NO_FILTERS),
    showCompleted: () => setShowDone(true),
  });

  const tasks = onlyDone ? done.tasks : pending.tasks;
  const error = pending.error ?? done.error;
  // While the list can't load, it tries again by itself every few seconds (Retry does it now).
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(onRetry, 5000);
    return () => clearTimeout(timer);
  }, [error, version]);
  const row = (task: Task) => (
    <li key={task.id}>
      <TaskRow task={task} zone={zone} now={now} actions={actions} reminded={reminded.has(task.id)} />
    </li>
  );

  return (
    <section
      className="panel tasks-panel"
      id="tasks-panel"
      aria-labelledby="tasks-title"
      onKeyDown={moveFocusBetweenRows}
    >
      <div className="panel-head">
        <h2 id="tasks-title">Tasks</h2>
        <p className="count" aria-live="polite">
          {tasks
            ? `${tasks.length} ${onlyDone ? "done" : "open"}${isFiltered(filters) ? ", filtered" : ""}`
            : "Loading…"}
        </p>
        <button
          type="button"
          className="quiet"
          aria-expanded={filtersOpen}
          aria-controls="task-filters"
          onClick={() => setFiltersOpen(!filtersOpen)}
        >
          {isFiltered(filters) ? "Filters (on)" : "Filter"}
        </button>
      </div>
      {filtersOpen && <TaskFilters filters={filters} onChange={changeFilters} />}
      {revealNotice && (
        <p role="status" className="hint">
          {revealNotice}
        </p>
      )}
      {error && (
        <div role="alert" className="error-box">
          <p>{error} Trying again…</p>
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {tasks?.length === 0 && (
        <EmptyState
          filtered={isFiltered(filters)}
          onClear={() => changeFilters(NO_FILTERS)}
          onTryExample={onTryExample}
        />
      )}
      {onlyDone ? (
        <ul className="task-list" aria-label="Done">
          {tasks?.map(row)}
        </ul>
      ) : (
        groupBySection(tasks ?? [], zone, now).map(({ section, tasks: inSection }) => (
          <section
            key={section}
            className={`task-section section-${section}`}
            aria-labelledby={`section-${section}`}
          >
            <h3 id={`section-${section}`}>
              {SECTION_TITLES[section]} <span className="section-count">{inSection.length}</span>
            </h3>
            <ul className="task-list" aria-label={SECTION_TITLES[section]}>
              {inSection.map(row)}
            </ul>
          </section>
        ))
      )}
      {!onlyDone && (
        <div className="done-toggle">
          <button
            type="button"
            className="quiet"
            aria-expanded={showDone}
            onClick={() => setShowDone(!showDone)}
          >
            {showDone ? "Hide completed" : "Show completed"}
          </button>
          {showDone &&
            done.tasks &&
            (done.tasks.length ? (
              <ul className="task-list" aria-label="Completed">
                {done.tasks.map(row)}
              </ul>
            ) : (
              <p className="hint">Nothing completed yet.</p>
            ))}
        </div>
      )}
    </section>
  );
}

function EmptyState(props: { filtered: boolean; onClear: () => void; onTryExample: (text: string) => void }) {
  if (props.filtered)
    return (
      <div className="empty">
        <p>No tasks match these filters.</p>
        <button type="button" onClick={props.onClear}>
          Clear filters
        </button>
      </div>
    );
  return (
    <div className="empty">
      <p>Nothing to do. Tell the assistant, for example:</p>
      <ul>
        {EXAMPLES.map((text) => (
          <li key={text}>
            <button type="button" className="link" onClick={() => props.onTryExample(text)}>
              “{text}”
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
