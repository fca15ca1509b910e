import { t } from "elysia";

export const ChatRequest = t.Object(
  {
    message: t.String({ minLength: 1, maxLength: 2000 }),
    conversation_id: t.Optional(t.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
