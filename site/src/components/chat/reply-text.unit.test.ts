import { expect, test } from "bun:test";
import { taskView } from "../../../../scripts/testing/task-fixtures.ts";
import { shownText } from "./reply-text.ts";

const milk = taskView("t1", { title: "buy milk" });
const reply = "Here are your tasks:\n- buy milk (due tomorrow)\n- call mom\nAnything else?";

test("given a reply with task cards, the listed lines give way to the cards and the rest stays", () => {
  expect(shownText({ id: "e1", from: "assistant", text: reply, tasks: [milk] })).toBe(
    "Here are your tasks:\nAnything else?",
  );
});

test("given a reply without cards (none, or an empty list), every line stays", () => {
  expect(shownText({ id: "e1", from: "assistant", text: reply })).toBe(reply);
  expect(shownText({ id: "e1", from: "assistant", text: reply, tasks: [] })).toBe(reply);
});

test("a line that only contains a dash somewhere is not a listed task", () => {
  const text = "Moved it - see the list\n-not a bullet";
  expect(shownText({ id: "e1", from: "assistant", text, tasks: [milk] })).toBe(text);
});
