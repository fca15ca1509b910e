// The shapes the browser reads from the API (API.md), declared once in @todo/schemas where the
// services answer with them. Type-only imports: nothing of the schemas reaches the page's bundle.
import type { Priority, TaskUpdateEvent } from "@todo/schemas";
import type {
  ChatResponse,
  ConversationView,
  NotificationPage,
  NotificationView,
  RecurrencePreview,
  Session,
  TaskPage,
  TaskView,
  UserView,
} from "@todo/schemas/api";

export type {
  ChatResponse,
  ConversationView,
  NotificationPage,
  Priority,
  RecurrencePreview,
  Session,
  TaskPage,
};
export type User = UserView;
export type Task = TaskView;
export type Notification = NotificationView;
/** One `task-updates` event as `/events` sends it. */
export type TaskUpdate = TaskUpdateEvent;
