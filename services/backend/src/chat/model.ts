import { t } from "elysia";
import { TaskView } from "../tasks/model.ts";

export const ChatRequest = t.Object(
  {
    message: t.String({ minLength: 1, maxLength: 2000 }),
    conversation_id: t.Optional(t.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const ChatAction = t.Object({
  type: t.String(),
  task_id: t.Optional(t.String()),
  series_id: t.Optional(t.String()),
  reminder_time: t.Optional(t.String()),
});

export const ChatResponse = t.Object({
  conversation_id: t.String(),
  reply: t.String(),
  tasks: t.Optional(t.Array(TaskView)),
  actions: t.Array(ChatAction),
});

export const ChatTurn = t.Object({
  message: t.String(),
  reply: t.String(),
  actions: t.Array(ChatAction),
  task_ids: t.Optional(t.Array(t.String())),
  at: t.String(),
});

export const ConversationView = t.Object({
  id: t.String(),
  created_at: t.String(),
  updated_at: t.String(),
  turns: t.Array(ChatTurn),
});
