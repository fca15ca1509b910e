import type { TaskView } from "../tasks/task-view.ts";
import type { Candidate } from "./chat-types.ts";
import type { TaskRef } from "./interpreter/intent.ts";
import { speakDue } from "./speak-time.ts";

export interface Speaking {
  now: Date;
  zone: string;
}

export const quote = (title: string) => `'${title}'`;

/** "standup" reads well bare ("the recurring standup task"); longer titles read better quoted. */
export const taskNoun = (title: string) => (/\s/.test(title.trim()) ? quote(title) : title);

export function listWords(words: string[], last = "and"): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}`;
}

/** "high priority, tags: travel, urgent, due Friday": what is worth saying about a task. */
export function taskDetails(task: TaskView, speaking: Speaking): string[] {
  const details: string[] = [];
  if (task.priority !== "medium") details.push(`${task.priority} priority`);
  if (task.tags.length > 0) details.push(`tag${task.tags.length === 1 ? "" : "s"}: ${task.tags.join(", ")}`);
  if (task.recurrence_rule?.active) details.push(task.recurrence_rule.text);
  else if (task.due_date) details.push(speakDue(task, speaking.now, speaking.zone));
  return details;
}

export const withDetails = (details: string[]) => (details.length > 0 ? ` (${details.join(", ")})` : "");

/** One line of a listing: "- buy flight tickets (high priority, due Friday)" with "done" for completed ones. */
export function taskLine(task: TaskView, speaking: Speaking): string {
  const details = taskDetails(task, speaking);
  if (task.status !== "pending") details.unshift(task.status === "completed" ? "done" : "cancelled");
  return `- ${task.title}${withDetails(details)}`;
}

export function addedReply(task: TaskView, speaking: Speaking): string {
  return `I've added ${quote(task.title)}${withDetails(taskDetails(task, speaking))}.`;
}

export function notFoundReply(target: TaskRef): string {
  if (target.kind === "pronoun") return "I'm not sure which task you mean. Could you tell me its title?";
  if (target.kind === "id") return "That task no longer exists.";
  return `I couldn't find a task called ${quote(target.text)}.`;
}

/**
 * "Which one: 'call mom' (due Fri) or 'call mom' (no date)?". When that leaves two alike, each
 * says more (its schedule, priority, tags, when it was added) and the options are numbered, so
 * that "the first" is plainly the first listed.
 */
export function whichOneQuestion(candidates: Candidate[], speaking: Speaking): string {
  const basic = candidates.map((c) => {
    const due = speakDue({ due_date: c.due_date, due_at: null }, speaking.now, speaking.zone);
    return [c.status === "completed" ? `done, ${due}` : due];
  });
  const key = (details: string[], c: Candidate) => `${c.title.toLowerCase()} ${details.join()}`;
  const alike = new Set(basic.map((d, i) => key(d, candidates[i]!))).size < candidates.length;
  const options = candidates.map((c, i) => {
    const details = alike ? [...basic[i]!, ...(c.extra ?? [])] : basic[i]!;
    return `${alike ? `${i + 1}. ` : ""}${quote(c.title)} (${details.join(", ")})`;
  });
  return `Which one: ${listWords(options, "or")}?`;
}

export const HELP_REPLY = [
  "I can manage your tasks in plain words. For example:",
  '- "add buy flight tickets, high priority, tags: travel, urgent"',
  '- "every Monday at 9 AM add a standup task"',
  '- "remind me about the dentist appointment tomorrow at 9 AM"',
  '- "show me high-priority tasks due this week" or "find tasks about presentation"',
  '- "mark call mom as done", "change the priority of call mom to low", "delete call mom"',
  '- "stop the weekly standup", "cancel my dentist reminder"',
].join("\n");
