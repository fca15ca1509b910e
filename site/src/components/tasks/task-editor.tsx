import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { Priority, Task } from "../lib/types.ts";
import { wallClock } from "../lib/zoned-time.ts";
import { editPatch, type EditFields } from "./edit-patch.ts";
import { ScheduleField } from "./schedule-field.tsx";

interface Props {
  task: Task;
  zone: string;
  onClose: () => void;
  onSaved: () => void;
  onDelete: () => Promise<void>;
}

// The form starts from the task as the user reads it: dates and times in their zone.
function fieldsOf(task: Task, zone: string): EditFields {
  const due = task.due_at ? wallClock(new Date(task.due_at), zone) : undefined;
  const reminder = task.reminder_time ? wallClock(new Date(task.reminder_time), zone) : undefined;
  return {
    title: task.title,
    description: task.description,
    dueDate: due?.date ?? task.due_date ?? "",
    dueTime: due?.time ?? "",
    reminder: reminder ? `${reminder.date}T${reminder.time}` : "",
    priority: task.priority,
    tags: task.tags.join(", "),
    repeat: task.recurrence_rule?.active ? "keep" : "none",
    customRule: "",
  };
}

/** Edits a task in place; only the fields that changed are sent (`PATCH /api/tasks/:id`). Escape cancels. */
export function TaskEditor({ task, zone, onClose, onSaved, onDelete }: Props) {
  const initial = useRef(fieldsOf(task, zone));
  const [fields, setFields] = useState(initial.current);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (patch: Partial<EditFields>) => setFields((f) => ({ ...f, ...patch }));
  const id = (name: string) => `edit-${task.id}-${name}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    const patch = editPatch(initial.current, fields, zone);
    if ("error" in patch) return setError(patch.error);
    setSaving(true);
    try {
      if (Object.keys(patch.body).length) await api<Task>("PATCH", `/api/tasks/${task.id}`, patch.body);
      onSaved();
      onClose();
    } catch (failure) {
      setError(plainMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="task-editor"
      aria-label={`Edit ${task.title}`}
      onSubmit={save}
      onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), onClose())}
    >
      <div className="field wide">
        <label htmlFor={id("title")}>Title</label>
        <input
          id={id("title")}
          ref={first}
          value={fields.title}
          required
          maxLength={500}
          onChange={(e) => set({ title: e.target.value })}
        />
      </div>
      <div className="field wide">
        <label htmlFor={id("description")}>Description</label>
        <textarea
          id={id("description")}
          rows={2}
          value={fields.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id("date")}>Due date</label>
        <input
          id={id("date")}
          type="date"
          value={fields.dueDate}
          onChange={(e) => set({ dueDate: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id("time")}>Time</label>
        <input
          id={id("time")}
          type="time"
          value={fields.dueTime}
          onChange={(e) => set({ dueTime: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id("reminder")}>Reminder</label>
        <input
          id={id("reminder")}
          type="datetime-local"
          value={fields.reminder}
          onChange={(e) => set({ reminder: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id("priority")}>Priority</label>
        <select
          id={id("priority")}
          value={fields.priority}
          onChange={(e) => set({ priority: e.target.value as Priority })}
        >
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
        </select>
      </div>
      <div className="field wide">
        <label htmlFor={id("tags")}>Tags</label>
        <input
          id={id("tags")}
          value={fields.tags}
          placeholder="work, home"
          onChange={(e) => set({ tags: e.target.value })}
        />
      </div>
      <ScheduleField
        id={id("repeat")}
        current={task.recurrence_rule?.active ? task.recurrence_rule.text : undefined}
        repeat={fields.repeat}
        custom={fields.customRule}
        date={fields.dueDate}
        time={fields.dueTime}
        zone={zone}
        onChange={(repeat, customRule) => set({ repeat, customRule })}
      />
      {error && (
        <p role="alert" className="error wide">
          {error}
        </p>
      )}
      <div className="editor-actions wide">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger push-right"
          onClick={() => onDelete().catch((failure) => setError(plainMessage(failure)))}
        >
          Delete
        </button>
      </div>
    </form>
  );
}
