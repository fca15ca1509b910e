import { type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { Priority, Task } from "../lib/types.ts";
import { type EditFields, editPatch, fieldsOf } from "./edit-patch.ts";
import { ScheduleField } from "./schedule-field.tsx";

interface Props {
  task: Task;
  zone: string;
  onClose: () => void;
  onSaved: () => void;
  onDelete: () => Promise<void>;
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
      <EditorFields task={task} zone={zone} fields={fields} set={set} firstRef={first} />
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

/** The editor's fields, in the order a person reads a task: what, when, how loud, how it repeats. */
function EditorFields(props: {
  task: Task;
  zone: string;
  fields: EditFields;
  set: (patch: Partial<EditFields>) => void;
  firstRef: RefObject<HTMLInputElement | null>;
}) {
  const { task, fields, set } = props;
  const id = (name: string) => `edit-${task.id}-${name}`;
  return (
    <>
      <TextFields id={id} fields={fields} set={set} firstRef={props.firstRef} />
      <InputField
        id={id("date")}
        label="Due date"
        type="date"
        value={fields.dueDate}
        onChange={(dueDate) => set({ dueDate })}
      />
      <InputField
        id={id("time")}
        label="Time"
        type="time"
        value={fields.dueTime}
        onChange={(dueTime) => set({ dueTime })}
      />
      <InputField
        id={id("reminder")}
        label="Reminder"
        type="datetime-local"
        value={fields.reminder}
        onChange={(reminder) => set({ reminder })}
      />
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
        zone={props.zone}
        onChange={(repeat, customRule) => set({ repeat, customRule })}
      />
    </>
  );
}

// What the task is: its title (focused first) and description.
function TextFields(props: {
  id: (name: string) => string;
  fields: EditFields;
  set: (patch: Partial<EditFields>) => void;
  firstRef: RefObject<HTMLInputElement | null>;
}) {
  const { id, fields, set } = props;
  return (
    <>
      <div className="field wide">
        <label htmlFor={id("title")}>Title</label>
        <input
          id={id("title")}
          ref={props.firstRef}
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
    </>
  );
}

// A labelled date, time or date-and-time input.
function InputField(props: {
  id: string;
  label: string;
  type: "date" | "time" | "datetime-local";
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
