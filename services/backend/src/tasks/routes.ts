import { Elysia, t } from "elysia";
import { asSharedRead } from "@todo/messaging/db";
import { authGuard } from "../auth/auth-guard.ts";
import type { Deps } from "../deps.ts";
import { TaskPage, TaskView } from "@todo/schemas/api";
import { TaskCreate, TaskPatch, TaskQuery } from "./model.ts";
import { parseTaskFilter, searchTasks } from "./search-tasks.ts";
import { createTask, deleteTask, getTask, reopenTask, restoreTask, updateTask } from "./task-service.ts";

const IdParams = t.Object({ id: t.String() });

// Each group checks the session itself (authGuard is deduplicated by name) and carries the
// OpenAPI tag, so the document lists every route under "tasks" as before.
const group = (deps: Deps, name: string) =>
  new Elysia({ name, detail: { tags: ["tasks"] } }).use(authGuard(deps));

/** `POST /api/tasks` and `GET /api/tasks`: create, and list or search. */
const taskCollectionRoutes = (deps: Deps) =>
  group(deps, "task-collection-routes")
    .post(
      "/api/tasks",
      async ({ user, body, set }) => {
        set.status = 201;
        return createTask(deps, user, body);
      },
      {
        body: TaskCreate,
        response: { 201: TaskView },
        detail: { summary: "Create a task (recurring when `recurrence` is given)" },
      },
    )
    .get(
      "/api/tasks",
      ({ user, request }) => {
        const filter = parseTaskFilter(new URL(request.url).searchParams);
        // Identical lists asked at once share the statement while it waits (shared-reads.ts).
        return asSharedRead(() => searchTasks(deps.database.db, user, filter));
      },
      {
        query: TaskQuery,
        response: { 200: TaskPage },
        detail: { summary: "List and search tasks; every filter given must match" },
      },
    );

/** `/api/tasks/:id`: read, change, delete one task. */
const taskItemRoutes = (deps: Deps) =>
  group(deps, "task-item-routes")
    .get("/api/tasks/:id", ({ user, params }) => getTask(deps, user, params.id), {
      params: IdParams,
      response: { 200: TaskView },
    })
    .patch(
      "/api/tasks/:id",
      async ({ user, params, body }) => (await updateTask(deps, user, params.id, body)).task,
      {
        params: IdParams,
        body: TaskPatch,
        response: { 200: TaskView },
        detail: { summary: "Change any writable field; tags_add / tags_remove edit tags" },
      },
    )
    .delete(
      "/api/tasks/:id",
      async ({ user, params, set }) => {
        await deleteTask(deps, user, params.id);
        set.status = 204;
      },
      { params: IdParams },
    );

/** Complete and its undo (reopen), the undo of delete (restore). */
const taskStatusRoutes = (deps: Deps) =>
  group(deps, "task-status-routes")
    .post(
      "/api/tasks/:id/complete",
      async ({ user, params }) => (await updateTask(deps, user, params.id, { status: "completed" })).task,
      {
        params: IdParams,
        response: { 200: TaskView },
      },
    )
    .post("/api/tasks/:id/reopen", ({ user, params }) => reopenTask(deps, user, params.id), {
      params: IdParams,
      response: { 200: TaskView },
      detail: { summary: "Reopen a completed task: back to pending (the undo of complete)" },
    })
    .post("/api/tasks/:id/restore", ({ user, params }) => restoreTask(deps, user, params.id), {
      params: IdParams,
      response: { 200: TaskView },
      detail: {
        summary:
          "Restore a task deleted in the last 24 hours (the undo of delete); its series and reminder resume",
      },
    });

/** Stopping a task's series or its reminder. */
const taskScheduleRoutes = (deps: Deps) =>
  group(deps, "task-schedule-routes")
    .delete(
      "/api/tasks/:id/recurrence",
      async ({ user, params }) =>
        (await updateTask(deps, user, params.id, { recurrence: null }, "recurrence")).task,
      {
        params: IdParams,
        response: { 200: TaskView },
        detail: { summary: "Cancel the task's series: future fires stop, existing instances stay" },
      },
    )
    .delete(
      "/api/tasks/:id/reminder",
      async ({ user, params }) => (await updateTask(deps, user, params.id, { reminder_time: null })).task,
      {
        params: IdParams,
        response: { 200: TaskView },
      },
    );

/** The task API (API.md "Tasks"), every route for a signed-in user only. */
export const taskRoutes = (deps: Deps) =>
  new Elysia({ name: "task-routes" })
    .use(taskCollectionRoutes(deps))
    .use(taskItemRoutes(deps))
    .use(taskStatusRoutes(deps))
    .use(taskScheduleRoutes(deps));
