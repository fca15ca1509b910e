// Specification of pickCandidate: given the candidates of a "Which one?" question, when the user
// answers, then the candidate meant, or none when the answer does not single one out.
import { describe, expect, test } from "bun:test";
import type { Candidate } from "./chat-types.ts";
import { pickCandidate } from "./answer-pending.ts";

const now = new Date("2026-12-07T09:00:00Z"); // a Monday
const candidates: Candidate[] = [
  { id: "a", title: "call mom", due_date: "2026-12-08", status: "pending" },
  { id: "b", title: "call mom", due_date: "2026-12-11", status: "pending" },
  { id: "c", title: "call mom", due_date: null, status: "completed" },
];
const pick = (answer: string) => pickCandidate(answer, candidates, now, "UTC")?.id;

describe("pickCandidate", () => {
  test("given an ordinal, then that one in the order asked", () => {
    expect([pick("the first one"), pick("2"), pick("the last one")]).toEqual(["a", "b", "c"]);
  });

  test("given a day, then the one due that day", () => {
    expect([pick("the one due tomorrow"), pick("the one on friday")]).toEqual(["a", "b"]);
  });

  test("given 'no date', then the undated one", () => {
    expect(pick("the one with no date")).toBe("c");
  });

  test("given 'the completed one', then the completed one", () => {
    expect(pick("the completed one")).toBe("c");
  });

  test("given an answer that names none of them, then none", () => {
    expect(pick("hmm, not sure")).toBeUndefined();
  });

  test("given a title only one candidate has, then that one", () => {
    const titled: Candidate[] = [
      { id: "x", title: "call mom", due_date: null, status: "pending" },
      { id: "y", title: "call mom at work", due_date: null, status: "pending" },
    ];
    expect(pickCandidate("call mom at work", titled, now, "UTC")?.id).toBe("y");
  });
});
