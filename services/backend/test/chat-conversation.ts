import { expect } from "bun:test";
import type { TestBackend } from "./harness.ts";

/** What `POST /api/chat` answers, as far as the chat tests read it. */
export type ChatReply = {
  conversation_id: string;
  reply: string;
  tasks?: { title: string }[];
  actions: { type: string; task_id?: string }[];
};

/**
 * A new user in `zone` talking to the chat in one conversation: `say` sends a message (and expects a 200),
 * `tasks` lists the user's tasks oldest first, `turns` reads the conversation back.
 * @example const { say, tasks } = await chatConversation(backend, "Asia/Tokyo"); await say("add call mom");
 */
export async function chatConversation(backend: TestBackend, zone = "Europe/Berlin") {
  const { token } = await backend.signup(undefined, zone);
  let id: string | undefined;
  const say = async (message: string) => {
    const res = await backend.call("POST", "/api/chat", {
      body: id ? { message, conversation_id: id } : { message },
      token,
    });
    expect(res.status).toBe(200);
    id = (res.body as ChatReply).conversation_id;
    return res.body as ChatReply;
  };
  const tasks = async () =>
    (await backend.call("GET", "/api/tasks?sort=created&order=asc", { token })).body.items as any[];
  const turns = async () =>
    (await backend.call("GET", `/api/conversations/${id}`, { token })).body.turns as any[];
  return { say, tasks, turns, token };
}
