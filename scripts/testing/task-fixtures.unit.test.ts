import { expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { TaskSnapshot } from "@todo/schemas";
import { TaskView } from "@todo/schemas/api";
import { taskSnapshot, taskView } from "./task-fixtures.ts";

test("given only a title, the payload is a valid task-events snapshot of a pending task with nothing set", () => {
  const payload = taskSnapshot("call mom");
  expect(Value.Errors(TaskSnapshot, payload).First()).toBeUndefined();
  expect(payload).toMatchObject({ title: "call mom", status: "pending", tags: [], due_at: null });
});

test("given an id, the view is a valid API task titled by its id; given fields win", () => {
  expect(Value.Errors(TaskView, taskView(crypto.randomUUID())).First()).toBeUndefined();
  expect(taskView("t1", { title: "buy milk", status: "completed" })).toMatchObject({
    id: "t1",
    title: "buy milk",
    status: "completed",
  });
  expect(taskView("t1").title).toBe("t1");
});

test("each call gives its own tags list", () => {
  taskView("a").tags.push("shared?");
  taskSnapshot("a").tags.push("shared?");
  expect(taskView("b").tags).toEqual([]);
  expect(taskSnapshot("b").tags).toEqual([]);
});
