import { useState } from "react";
import { plainMessage } from "../lib/plain-errors.ts";
import type { Task } from "../lib/types.ts";
import { type Due, dueOf, dueText, reminderText } from "./due-dates.ts";
import { TaskEditor } from "./task-editor.tsx";

export interface RowActions {
  /** Complete a pending task or reopen a done one; the list offers Undo. */
  toggle: (task: Task) => Promise<void>;
  remove: (task: Task) => Promise<void>;
  /** Called after an edit saved, so the lists reload. */
  onChanged: () => void;
}

interface Props {
  task: Task;
  zone: string;
  now: Date;
  actions: RowActions;
  /** A reminder for this task fired and is unread. */
  reminded?: boolean;
  /** Compact: in a chat reply, no edit or delete. */
  compact?: boolean;
}

/**
 * One line per task: checkbox, title, relative due date and small chips; Edit and Delete appear on
 * hover or focus. Enter on the row opens the editor, x completes (see use-list-keys.ts).
 */
export function TaskRow({ task, zone, now, actions, reminded, compact }: Props) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const done = task.status !== "pending";
  const due = dueOf(task, zone, now);
  const titleId = `task-${task.id}${compact ? "-reply" : ""}-title`;
  const run = (action: () => Promise<void>) => {
    setError(undefined);
    action().catch((failure) => setError(plainMessage(failure)));
  };

  if (editing)
    return (
      <TaskEditor
        task={task}
        zone={zone}
        onClose={() => setEditing(false)}
        onSaved={actions.onChanged}
        onDelete={() => actions.remove(task)}
      />
    );
  return (
    <article
      className={`task-row${done ? " done" : ""}${due?.overdue ? " overdue" : ""}`}
      aria-labelledby={titleId}
      data-task-id={task.id}
      tabIndex={compact ? undefined : -1}
      onKeyDown={(e) => {
        if (compact || e.target !== e.currentTarget) return;
        if (e.key === "Enter") e.preventDefault(), setEditing(true);
        if (e.key === "x") e.preventDefault(), run(() => actions.toggle(task));
      }}
    >
      <input
        type="checkbox"
        className="check"
        checked={done}
        aria-label={done ? `Reopen ${task.title}` : `Complete ${task.title}`}
        onChange={() => run(() => actions.toggle(task))}
      />
      {/* A click on the text opens the editor (the only way on touch screens); keyboards use Edit or Enter. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: keyboards have the Edit button and Enter; this is the pointer's shortcut */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: as above */}
      <div className="row-main" onClick={compact ? undefined : () => setEditing(true)}>
        <span id={titleId} className="row-title">
          {task.title}
        </span>
        {task.description && !compact && <p className="row-description">{task.description}</p>}
        <TaskChips task={task} due={due} zone={zone} now={now} reminded={reminded} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
      {!compact && (
        <RowButtons
          title={task.title}
          onEdit={() => setEditing(true)}
          onDelete={() => run(() => actions.remove(task))}
        />
      )}
    </article>
  );
}

/** The small chips under the title: due, schedule, reminder, priority (unless medium), tags. */
function TaskChips(props: { task: Task; due: Due | null; zone: string; now: Date; reminded?: boolean }) {
  const { task, due, reminded } = props;
  return (
    <ul className="chips" aria-label={`Details of ${task.title}`}>
      {due && (
        <li className={`chip due${due.overdue ? " overdue" : ""}${due.justDue ? " now" : ""}`}>
          {due.overdue ? `Overdue · ${dueText(due)}` : dueText(due)}
        </li>
      )}
      {task.recurrence_rule && (
        <li className="chip schedule" title={task.recurrence_rule.rrule}>
          ↻ {task.recurrence_rule.text}
          {task.recurrence_rule.active ? "" : " (stopped)"}
        </li>
      )}
      {task.reminder_time && (
        <li className={`chip reminder${reminded ? " fired" : ""}`}>
          <BellGlyph />
          {reminded ? "Reminded" : "Reminder"} {reminderText(task.reminder_time, props.zone, props.now)}
        </li>
      )}
      {task.priority !== "medium" && (
        <li className={`chip priority-${task.priority}`}>
          {task.priority === "high" ? "High priority" : "Low priority"}
        </li>
      )}
      {task.tags.map((tag) => (
        <li key={tag} className="chip tag">
          #{tag}
        </li>
      ))}
    </ul>
  );
}

// Edit and Delete, shown on hover or focus.
function RowButtons(props: { title: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <div className="row-actions">
      <button type="button" className="icon" aria-label={`Edit ${props.title}`} onClick={props.onEdit}>
        Edit
      </button>
      <button
        type="button"
        className="icon danger"
        aria-label={`Delete ${props.title}`}
        onClick={props.onDelete}
      >
        Delete
      </button>
    </div>
  );
}

// Drawn, not an emoji: emoji glyphs are missing on many Linux machines.
function BellGlyph() {
  return (
    <svg
      aria-hidden="true"
      className="glyph"
      width="12"
      height="12"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
