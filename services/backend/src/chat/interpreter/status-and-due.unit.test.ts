import { describe, expect, test } from "bun:test";
import type { Due, TaskRef } from "./intent.ts";
import { interpret } from "./interpret.ts";

// Saturday 2026-11-28, 11:00 in Berlin.
const NOW = new Date("2026-11-28T10:00:00Z");
const read = (message: string) => interpret(message, { now: NOW, zone: "Europe/Berlin" });
const MOM: TaskRef = { kind: "title", text: "call mom" };
const PLANTS: TaskRef = { kind: "title", text: "water the plants" };
const IT: TaskRef = { kind: "pronoun" };

describe("completing a task", () => {
  test.each<[string, TaskRef]>([
    ["Mark call mom as done", MOM],
    ["I finished call mom", MOM],
    ["done with call mom", MOM],
    ["complete the call mom task", MOM],
    ["plz mark call mom as done thx", MOM],
    ["Mark 'Call Mom' As Done.", { kind: "title", text: "Call Mom" }],
    ['mark "call mom" complete', MOM],
    ["call mom is done", MOM],
    ["call mom - done", MOM],
    ["call mom done", MOM],
    ["i've done call mom", MOM],
    ["I have completed the call mom task", MOM],
    ["I'm done with the call mom task", MOM],
    ["I've just finished with the call mom task", MOM],
    ["tick off call mom", MOM],
    ["cross off call mom", MOM],
    ["check off 'call mom'", MOM],
    ["finished call mom", MOM],
    ["completed: call mom", MOM],
    ["done: call mom", MOM],
    ["got call mom done", MOM],
    ["✅ call mom", MOM],
    ["the water the plants task is done", PLANTS],
    ["mark 'water the plants' as finished", PLANTS],
    ["mark it as done", IT],
    ["mark that one as done", IT],
    ["it's done", IT],
    ["that's done", IT],
    ["mark done", IT],
    ["done", IT],
    ["complete", IT],
  ])("%p completes the task", (message, target) => {
    expect(read(message)).toEqual({ type: "complete", target });
  });
});

describe("reopening a task", () => {
  test.each<[string, TaskRef]>([
    ["reopen call mom", MOM],
    ["re-open call mom", MOM],
    ["mark call mom as not done", MOM],
    ["mark call mom as incomplete", MOM],
    ["move call mom back to pending", MOM],
    ["call mom isn't done yet", MOM],
    ["call mom is not finished", MOM],
    ["I didn't finish call mom", MOM],
    ["uncheck call mom", MOM],
    ["undo call mom", MOM],
    ["unmark it", IT],
  ])("%p reopens the task", (message, target) => {
    expect(read(message)).toEqual({ type: "reopen", target });
  });

  test.each(["undo", "undo that", "Undo!", "oops, undo that", "revert the last change", "take that back"])(
    "%p undoes the last change instead",
    (message) => {
      expect(read(message)).toEqual({ type: "undo" });
    },
  );
});

describe("a delete verb before a schedule", () => {
  test("'bin day every thursday evening' is a new weekly task, not a delete", () => {
    expect(read("bin day every thursday evening")).toMatchObject({
      type: "add",
      title: "bin day",
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=TH;BYHOUR=19;BYMINUTE=0" },
    });
  });

  test("'cancel yoga every tuesday' stops the yoga series", () => {
    expect(read("cancel yoga every tuesday")).toEqual({
      type: "cancel_recurrence",
      target: { kind: "title", text: "yoga" },
    });
  });
});

describe("deleting a task", () => {
  test.each<[string, TaskRef]>([
    ["Delete the water the plants task", PLANTS],
    ["delete 'water the plants'", PLANTS],
    ["remove call mom", MOM],
    ["could u plese remove call mom", MOM],
    ["hey bot, can you pls delete the call mom task?", MOM],
    ["get rid of call mom", MOM],
    ["trash the call mom task", MOM],
    ["take call mom off my list", MOM],
    ["erase call mom from my list", MOM],
    ["delete task call mom", MOM],
    ["please remove the task called call mom", MOM],
    ["delete the task 'call mom'", MOM],
    ["cancel call mom", MOM],
    ["call mom can be deleted", MOM],
    ["ditch call mom", MOM],
    ["delete it", IT],
    ["delete that", IT],
    ["remove it from my list", IT],
  ])("%p deletes the task", (message, target) => {
    expect(read(message)).toEqual({ type: "delete", target });
  });

  test("'delete everything' asks which task instead of deleting all of them", () => {
    expect(read("delete everything")).toMatchObject({ type: "clarify", about: "title" });
  });
});

describe("moving a due date by an amount, or past a date denied", () => {
  test.each<[string, TaskRef, number]>([
    ["postpone call mom by a week", MOM, 7 * 1440],
    ["push call mom back 2 days", MOM, 2 * 1440],
    ["delay call mom by an hour", MOM, 60],
    ["move it by 30 minutes", IT, 30],
  ])("%p moves %o later by %p minutes", (message, target, minutes) => {
    expect(read(message)).toEqual({ type: "shift_due", target, minutes });
  });

  test("'call mom is due friday, not thursday' is Friday, with or without the comma", () => {
    for (const message of ["call mom is due friday, not thursday", "call mom is due friday not thursday"])
      expect(read(message)).toMatchObject({ type: "set_due", target: MOM, due: { date: "2026-12-04" } });
  });
});

describe("setting or moving a due date", () => {
  test.each<[string, TaskRef, Due]>([
    ["Move call mom to Friday", MOM, { date: "2026-12-04" }],
    ["move call mom to next friday", MOM, { date: "2026-12-04" }],
    ["call mom is due next Monday", MOM, { date: "2026-11-30" }],
    ["change the due date of call mom to 5 Dec", MOM, { date: "2026-12-05" }],
    ["call mom is due on 5 December", MOM, { date: "2026-12-05" }],
    ["postpone call mom until next week", MOM, { date: "2026-11-30" }],
    ["push 'call mom' to tomorrow at 3pm", MOM, { date: "2026-11-29", time: "15:00" }],
    ["postpone call mom to Monday at 10am", MOM, { date: "2026-11-30", time: "10:00" }],
    ["reschedule call mom for Monday", MOM, { date: "2026-11-30" }],
    ["set the deadline for call mom to Dec 12", MOM, { date: "2026-12-12" }],
    ["change call mom's due date to tomorrow at noon", MOM, { date: "2026-11-29", time: "12:00" }],
    ["deadline for call mom is Friday", MOM, { date: "2026-12-04" }],
    ["call mom due tomorrow", MOM, { date: "2026-11-29" }],
    ["set call mom due tomorrow", MOM, { date: "2026-11-29" }],
    ["call mom needs to be done by Friday", MOM, { date: "2026-12-04" }],
    ["move call mom to the 15th", MOM, { date: "2026-12-15" }],
    ["delay call mom until the 15th", MOM, { date: "2026-12-15" }],
    ["move go to gym to Friday", { kind: "title", text: "go to gym" }, { date: "2026-12-04" }],
    [
      "push the dentist appointment to next week",
      { kind: "title", text: "dentist appointment" },
      { date: "2026-11-30" },
    ],
    // A day alone said of "it" keeps the task's time, if it has one.
    ["make it due Friday", IT, { date: "2026-12-04", keep_time: true }],
    ["move it to tomorrow", IT, { date: "2026-11-29", keep_time: true }],
    ["set it to Friday", IT, { date: "2026-12-04", keep_time: true }],
    ["move call mom from Friday to Monday", MOM, { date: "2026-11-30" }],
  ])(
    "%p sets the due date in the user's calendar (a day alone keeps the task's time)",
    (message, target, due) => {
      expect(read(message)).toEqual({
        type: "set_due",
        target,
        due: due.time ? due : { ...due, keep_time: true },
      });
    },
  );

  test.each([
    "remove the due date from call mom",
    "clear the deadline of call mom",
    "call mom has no deadline anymore",
    "unset call mom's due date",
  ])("%p clears the due date", (message) => {
    expect(read(message)).toEqual({ type: "set_due", target: MOM, due: null });
  });
});
