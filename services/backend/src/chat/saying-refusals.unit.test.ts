import { describe, expect, test } from "bun:test";
import { Conflict, NotFound, Validation } from "@todo/service-kit";
import { sayingRefusals } from "./execute-intent.ts";

const refusing = (error: Error) => sayingRefusals(() => Promise.reject(error));

describe("refusals become chat replies by their type", () => {
  test("a refused field is said with the field in words and the reason", async () => {
    expect((await refusing(new Validation("reminder_time", "is in the past"))).reply).toBe(
      "I couldn't do that: the reminder time is in the past.",
    );
  });

  test("a conflict is said with its message for people, never the internal one with ids", async () => {
    const outcome = await refusing(
      new Conflict("task 0b7e… is not recurring", { userMessage: "that task is not recurring" }),
    );
    expect(outcome.reply).toBe("I couldn't do that: that task is not recurring.");
  });

  test("a task that is gone is said as gone, and forgotten as the last task", async () => {
    expect(await refusing(new NotFound("no task with id 0b7e…"))).toEqual({
      reply: "That task no longer exists.",
      actions: [],
      lastTaskId: null,
    });
  });

  test("anything else is not a refusal: it is thrown for the 500 handler to log", async () => {
    await expect(refusing(new Error("connection reset"))).rejects.toThrow("connection reset");
  });
});
