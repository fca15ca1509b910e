// Tasks for tests, in the two shapes they travel in: a `task-events` payload (what the services
// publish and read) and the API's task view (what the browser reads). Every field starts empty (a
// pending, medium-priority task with nothing set); a test gives only the fields it is about.
import type { TaskSnapshot } from "@todo/schemas";
import type { TaskView } from "@todo/schemas/api";

const unset = {
  description: "",
  priority: "medium",
  tags: [],
  due_date: null,
  due_at: null,
  recurrence_rule: null,
  series_id: null,
  occurrence_at: null,
  reminder_time: null,
  status: "pending",
  completed_at: null,
} as const satisfies Partial<TaskSnapshot & TaskView>;

/** A `task-events` payload titled `title`, every other field unset unless given. */
export function taskSnapshot(title: string, fields: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return { title, ...unset, tags: [], reminder_id: null, ...fields };
}

/** The API's view of task `id` (titled by its id unless given), made on 1 March 2027. */
export function taskView(id: string, fields: Partial<TaskView> = {}): TaskView {
  const made = "2027-03-01T09:00:00.000Z";
  return { id, title: id, ...unset, tags: [], created_at: made, updated_at: made, ...fields };
}
