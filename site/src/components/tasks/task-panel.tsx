import { type ReactNode, useEffect, useState } from "react";
import type { Task } from "../lib/types.ts";
import { filtersFromUrl, isFiltered, NO_FILTERS } from "./filters-url.ts";
import { listCount } from "./list-count.ts";
import { EmptyState } from "./empty-state.tsx";
import { useUrlFilters } from "./use-url-filters.ts";
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

/** The task list: sections by due date, done tasks behind a toggle, filters folded away until used. */
export function TaskPanel({ zone, now, version, actions, reminded, reveal, onTryExample, onRetry }: Props) {
  const { filters, changeFilters } = useUrlFilters();
  const [filtersOpen, setFiltersOpen] = useState(() => isFiltered(filtersFromUrl(location.search)));
  const [showDone, setShowDone] = useState(false);
  const onlyDone = filters.status === "completed";
  const filtered = isFiltered(filters);
  const pending = useTaskList(filters, "pending", !onlyDone, version);
  const done = useTaskList(filters, "completed", showDone || onlyDone, version);
  const revealNotice = useRevealTask(reveal, {
    filtered,
    clearFilters: () => changeFilters(NO_FILTERS),
    showCompleted: () => setShowDone(true),
  });
  const tasks = onlyDone ? done.tasks : pending.tasks;
  const error = pending.error ?? done.error;
  useRetryWhileFailing(error, version, onRetry);
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
      <PanelHead
        count={listCount(tasks?.length, { onlyDone, filtered })}
        filtered={filtered}
        filtersOpen={filtersOpen}
        onToggleFilters={() => setFiltersOpen(!filtersOpen)}
      />
      {filtersOpen && <TaskFilters filters={filters} onChange={changeFilters} />}
      {revealNotice && (
        <p role="status" className="hint">
          {revealNotice}
        </p>
      )}
      {error && <LoadError error={error} onRetry={onRetry} />}
      {tasks?.length === 0 && (
        <EmptyState
          filtered={filtered}
          onClear={() => changeFilters(NO_FILTERS)}
          onTryExample={onTryExample}
        />
      )}
      {onlyDone ? (
        <ul className="task-list" aria-label="Done">
          {tasks?.map(row)}
        </ul>
      ) : (
        <>
          <Sections tasks={tasks ?? []} zone={zone} now={now} row={row} />
          <CompletedToggle
            shown={showDone}
            onToggle={() => setShowDone(!showDone)}
            tasks={done.tasks}
            row={row}
          />
        </>
      )}
    </section>
  );
}

/** The title, how many tasks the list shows, and the button that folds the filters out. */
function PanelHead(props: {
  count: string;
  filtered: boolean;
  filtersOpen: boolean;
  onToggleFilters: () => void;
}) {
  return (
    <div className="panel-head">
      <h2 id="tasks-title">Tasks</h2>
      <p className="count" aria-live="polite">
        {props.count}
      </p>
      <button
        type="button"
        className="quiet"
        aria-expanded={props.filtersOpen}
        aria-controls="task-filters"
        onClick={props.onToggleFilters}
      >
        {props.filtered ? "Filters (on)" : "Filter"}
      </button>
    </div>
  );
}

function LoadError(props: { error: string; onRetry: () => void }) {
  return (
    <div role="alert" className="error-box">
      <p>{props.error} Trying again…</p>
      <button type="button" onClick={props.onRetry}>
        Retry
      </button>
    </div>
  );
}

// While the list can't load, it tries again by itself every few seconds (Retry does it now).
function useRetryWhileFailing(error: string | undefined, version: number, retry: () => void) {
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(retry, 5000);
    return () => clearTimeout(timer);
  }, [error, version]);
}

/** The open tasks in sections by due date: Overdue, Today, Upcoming, No date (empty ones left out). */
function Sections(props: { tasks: Task[]; zone: string; now: Date; row: (task: Task) => ReactNode }) {
  return groupBySection(props.tasks, props.zone, props.now).map(({ section, tasks }) => (
    <section
      key={section}
      className={`task-section section-${section}`}
      aria-labelledby={`section-${section}`}
    >
      <h3 id={`section-${section}`}>
        {SECTION_TITLES[section]} <span className="section-count">{tasks.length}</span>
      </h3>
      <ul className="task-list" aria-label={SECTION_TITLES[section]}>
        {tasks.map(props.row)}
      </ul>
    </section>
  ));
}

/** "Show completed": done tasks below the open ones, where they can be reopened. */
function CompletedToggle(props: {
  shown: boolean;
  onToggle: () => void;
  tasks: Task[] | undefined;
  row: (task: Task) => ReactNode;
}) {
  const { shown, tasks } = props;
  return (
    <div className="done-toggle">
      <button type="button" className="quiet" aria-expanded={shown} onClick={props.onToggle}>
        {shown ? "Hide completed" : "Show completed"}
      </button>
      {shown &&
        tasks &&
        (tasks.length ? (
          <ul className="task-list" aria-label="Completed">
            {tasks.map(props.row)}
          </ul>
        ) : (
          <p className="hint">Nothing completed yet.</p>
        ))}
    </div>
  );
}
