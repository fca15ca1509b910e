import { Type, type Static } from "@sinclair/typebox";
import { literals } from "../common.ts";
import { TaskView } from "./tasks.ts";

/** The changes a chat turn can make. */
export const ChatActionType = literals(
  "task.created",
  "task.updated",
  "task.completed",
  "task.deleted",
  "reminder.scheduled",
  "reminder.cancelled",
  "recurrence.cancelled",
);
export type ChatActionType = Static<typeof ChatActionType>;

/** One change a chat turn made, with the ids it touched (API.md's `actions`). */
export const ChatAction = Type.Object({
  type: ChatActionType,
  task_id: Type.Optional(Type.String()),
  series_id: Type.Optional(Type.String()),
  reminder_time: Type.Optional(Type.String()),
});
export type ChatAction = Static<typeof ChatAction>;

/** `POST /api/chat`'s answer; `tasks` holds exactly the tasks the reply lists. */
export const ChatResponse = Type.Object({
  conversation_id: Type.String(),
  reply: Type.String(),
  tasks: Type.Optional(Type.Array(TaskView)),
  actions: Type.Array(ChatAction),
});
export type ChatResponse = Static<typeof ChatResponse>;

export const ChatTurn = Type.Object({
  message: Type.String(),
  reply: Type.String(),
  actions: Type.Array(ChatAction),
  task_ids: Type.Optional(Type.Array(Type.String())),
  at: Type.String(),
});
export type ChatTurn = Static<typeof ChatTurn>;

/** `GET /api/conversations/:id` (and `/latest`): the turns so far. */
export const ConversationView = Type.Object({
  id: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
  turns: Type.Array(ChatTurn),
});
export type ConversationView = Static<typeof ConversationView>;
