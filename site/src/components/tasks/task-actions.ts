import { api } from "../lib/api.ts";
import type { Task } from "../lib/types.ts";

// What a row can do to a task, each one call to the API (API.md). Reopening makes a
// completed task pending again; restore brings back a task deleted in the last 24 hours.
export const completeTask = (task: Task) => api<Task>("POST", `/api/tasks/${task.id}/complete`);
export const reopenTask = (task: Task) => api<Task>("POST", `/api/tasks/${task.id}/reopen`);
export const deleteTask = (task: Task) => api<null>("DELETE", `/api/tasks/${task.id}`);
export const restoreTask = (task: Task) => api<Task>("POST", `/api/tasks/${task.id}/restore`);
