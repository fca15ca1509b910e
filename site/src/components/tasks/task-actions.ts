import { api } from "../lib/api.ts";
import type { Priority, Task } from "../lib/types.ts";

// The quick actions of a task card, each one call to the API (API.md).
export const completeTask = (task: Task) => api<Task>("POST", `/api/tasks/${task.id}/complete`);
export const deleteTask = (task: Task) => api<null>("DELETE", `/api/tasks/${task.id}`);
export const setPriority = (task: Task, priority: Priority) => api<Task>("PATCH", `/api/tasks/${task.id}`, { priority });
export const addTags = (task: Task, tags: string[]) => api<Task>("PATCH", `/api/tasks/${task.id}`, { tags_add: tags });
export const removeTag = (task: Task, tag: string) => api<Task>("PATCH", `/api/tasks/${task.id}`, { tags_remove: [tag] });
