import { useState } from "react";
import { messageOf } from "../lib/api.ts";
import { dateOnly, dateTime } from "../lib/format.ts";
import type { Priority, Task } from "../lib/types.ts";
import { addTags, completeTask, deleteTask, removeTag, setPriority } from "./task-actions.ts";
import { parseTags } from "./filters-url.ts";

interface Props {
  task: Task;
  zone: string;
  /** Called after an action changed the task, so the lists reload. */
  onChanged: () => void;
}

/** One task: its badges and dates, and the quick actions (complete, delete, priority, tags). */
export function TaskCard({ task, zone, onChanged }: Props) {
  const [error, setError] = useState<string>();
  const [newTags, setNewTags] = useState("");
  const done = task.status !== "pending";
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const idBase = `task-${task.id}`;
  const due = task.due_at ? dateTime(task.due_at, zone) : task.due_date ? dateOnly(task.due_date) : null;

  return (
    <article className={`task ${done ? "done" : ""}`} aria-labelledby={`${idBase}-title`} data-task-id={task.id}>
      <header>
        <h3 id={`${idBase}-title`}>{task.title}</h3>
        <span className={`badge priority-${task.priority}`}>{task.priority}</span>
        {task.status === "completed" && <span className="badge status-done">done</span>}
      </header>
      {task.description && <p className="description">{task.description}</p>}
      <dl className="meta">
        {due && (
          <div>
            <dt>Due</dt>
            <dd>{due}</dd>
          </div>
        )}
        {task.reminder_time && (
          <div>
            <dt>Reminder</dt>
            <dd>{dateTime(task.reminder_time, zone)}</dd>
          </div>
        )}
        {task.recurrence_rule && (
          <div>
            <dt>Repeats</dt>
            <dd>
              <span className="badge recurring" title={task.recurrence_rule.rrule}>
                ↻ {task.recurrence_rule.text}
                {task.recurrence_rule.active ? "" : " (stopped)"}
              </span>
            </dd>
          </div>
        )}
      </dl>
      <ul className="tags" aria-label={`Tags of ${task.title}`}>
        {task.tags.map((tag) => (
          <li key={tag} className="chip">
            #{tag}
            <button type="button" className="chip-remove" aria-label={`Remove tag ${tag} from ${task.title}`} onClick={() => run(() => removeTag(task, tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        {!done && (
          <button type="button" onClick={() => run(() => completeTask(task))} aria-label={`Complete ${task.title}`}>
            ✓ Complete
          </button>
        )}
        <label className="inline">
          <span className="visually-hidden">Priority of {task.title}</span>
          <select value={task.priority} onChange={(e) => run(() => setPriority(task, e.target.value as Priority))}>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </label>
        <form
          className="add-tag"
          onSubmit={(e) => {
            e.preventDefault();
            const tags = parseTags(newTags);
            if (tags.length) run(() => addTags(task, tags)).then(() => setNewTags(""));
          }}
        >
          <label className="inline">
            <span className="visually-hidden">Add tags to {task.title}</span>
            <input value={newTags} onChange={(e) => setNewTags(e.target.value)} placeholder="add tag" size={8} />
          </label>
          <button type="submit" aria-label={`Add tags to ${task.title}`}>
            +
          </button>
        </form>
        <button type="button" className="danger" onClick={() => run(() => deleteTask(task))} aria-label={`Delete ${task.title}`}>
          Delete
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </article>
  );
}
