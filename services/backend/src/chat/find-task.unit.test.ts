// Specification of findTaskByTitle: given the user's tasks (newest first) and what the chat was
// asked, then the one task meant, none, or the several to ask about.
import { describe, expect, test } from "bun:test";
import { decideCreate } from "../tasks/decide-task.ts";
import { toTaskView, type TaskView } from "../tasks/task-view.ts";
import type { TargetedIntent } from "./chat-types.ts";
import { findTaskByTitle } from "./find-task.ts";

const ctx = {
  userId: "00000000-0000-4000-8000-000000000001",
  zone: "UTC",
  now: new Date("2026-12-07T09:00:00Z"),
};
const task = (title: string, extra: Partial<TaskView> = {}): TaskView => ({
  ...toTaskView(decideCreate({ title }, ctx).task, null),
  ...extra,
});
const complete = (text: string): TargetedIntent => ({ type: "complete", target: { kind: "title", text } });
const reopen = (text: string): TargetedIntent => ({ type: "reopen", target: { kind: "title", text } });

describe("findTaskByTitle", () => {
  test("given one task of that title, then it is found whatever the case, quotes and articles", () => {
    const mom = task("Call Mom");
    expect(findTaskByTitle([task("buy milk"), mom], complete("the 'call mom'"), "the 'call mom'")).toEqual({
      kind: "found",
      task: mom,
    });
  });

  test("given no task that title could name, then none", () => {
    expect(findTaskByTitle([task("buy milk")], complete("dentist"), "dentist")).toEqual({ kind: "none" });
  });

  test("given a title with a typo, then the task within a typo is found", () => {
    const dentist = task("dentist appointment");
    expect(findTaskByTitle([dentist], complete("dentist apointment"), "dentist apointment")).toEqual({
      kind: "found",
      task: dentist,
    });
  });

  test("given words in another form ('paying' for 'pay', 'plants' for 'plant'), then the task they name is found", () => {
    const rent = task("pay rent");
    const plants = task("water the plants");
    const tasks = [task("buy milk"), rent, plants];
    expect(findTaskByTitle(tasks, complete("paying rent"), "paying rent")).toEqual({
      kind: "found",
      task: rent,
    });
    expect(findTaskByTitle(tasks, complete("watered plant"), "watered plant")).toEqual({
      kind: "found",
      task: plants,
    });
  });

  test("given a vague word beside a title word ('the plants thing'), then the task with that word is found", () => {
    const plants = task("water the plants");
    expect(findTaskByTitle([task("buy milk"), plants], complete("plants thing"), "plants thing")).toEqual({
      kind: "found",
      task: plants,
    });
    // A vague word alone names nothing.
    expect(findTaskByTitle([plants], complete("thing"), "thing")).toEqual({ kind: "none" });
  });

  test("given an exact title and a longer one containing it, then the exact one wins", () => {
    const gym = task("gym");
    expect(findTaskByTitle([task("gym bag"), gym], complete("gym"), "gym")).toEqual({
      kind: "found",
      task: gym,
    });
  });

  test("given two same-titled tasks, one pending and one completed, when asked to complete, then the pending one", () => {
    const pending = task("call mom");
    const done = task("call mom", { status: "completed" });
    expect(findTaskByTitle([done, pending], complete("call mom"), "call mom")).toEqual({
      kind: "found",
      task: pending,
    });
    expect(findTaskByTitle([done, pending], reopen("call mom"), "call mom")).toEqual({
      kind: "found",
      task: done,
    });
  });

  test("given two pending same-titled tasks, then both, in due order with the undated last", () => {
    const undated = task("call mom");
    const friday = task("call mom", { due_date: "2026-12-11" });
    expect(findTaskByTitle([undated, friday], complete("call mom"), "call mom")).toEqual({
      kind: "several",
      tasks: [friday, undated],
    });
  });

  test("given several instances of one series, then one task: the pending instance", () => {
    const series_id = "55555555-5555-4555-8555-555555555555";
    const done = task("gym", { series_id, status: "completed" });
    const current = task("gym", { series_id });
    expect(findTaskByTitle([done, current], complete("gym"), "gym")).toEqual({
      kind: "found",
      task: current,
    });
  });
});
