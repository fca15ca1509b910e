// The shapes the browser reads from the API (API.md); only the fields the page uses.
export type Priority = "high" | "medium" | "low";

export interface User {
  id: string;
  email: string;
  name: string | null;
  timezone: string;
}

export interface Recurrence {
  rrule: string;
  text: string;
  active: boolean;
}

export interface Task {
  id: string;
  title: string;
  description: string | null;
  status: "pending" | "completed" | "cancelled";
  priority: Priority;
  tags: string[];
  due_date: string | null;
  due_at: string | null;
  recurrence_rule: Recurrence | null;
  series_id: string | null;
  reminder_time: string | null;
  completed_at: string | null;
}

export interface Notification {
  id: string;
  task_id: string;
  title: string;
  message: string;
  kind: "reminder" | "recurring";
  target_time: string;
  delivered_at: string | null;
  status: "delivered" | "suppressed" | "missed" | "cancelled";
  read_at: string | null;
  /** a date-only series' occurrence: shown as its day, not a time */
  all_day?: boolean;
}

/** One `task-updates` event as `/events` sends it. */
export interface TaskUpdate {
  event_id: string;
  task_id: string;
  change_type: "created" | "updated" | "completed" | "deleted" | "reminder";
  summary: { title: string };
  notification?: {
    id: string;
    kind: "reminder" | "recurring";
    message: string;
    target_time: string;
    status: Notification["status"];
  };
}
