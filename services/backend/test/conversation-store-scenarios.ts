import { describe, expect, test } from "bun:test";
import { NotFound } from "@todo/service-kit";
import type { ConversationStore, ChatTurn } from "../src/chat/conversations/conversation-store.ts";
import type { UserRow } from "../src/db/schema.ts";

/** What every conversation store must do, run against each adapter (database, Dapr). */
export function describeConversationStore(
  name: string,
  store: () => ConversationStore,
  newUser: () => Promise<{ id: string }> = async () => ({ id: crypto.randomUUID() }),
) {
  const someone = async () => ({ ...(await newUser()), timezone: "UTC" }) as UserRow;
  const turn = (message: string, at = "2026-11-28T10:00:00.000Z"): ChatTurn => ({
    message,
    reply: `re: ${message}`,
    actions: [],
    at,
  });
  const now = new Date("2026-11-28T10:00:00Z");
  const taskId = crypto.randomUUID();

  describe(`conversation store: ${name}`, () => {
    test("a new conversation is stored with its first turn and read back", async () => {
      const user = await someone();
      const state = await store().open(user, undefined);
      expect(state).toMatchObject({ isNew: true, lastTaskId: null, pending: null });
      await store().record(user, state, turn("add call mom"), { lastTaskId: taskId, pending: null }, now);
      const view = await store().get(user, state.id);
      expect(view).toEqual({
        id: state.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        turns: [turn("add call mom")],
      });
      expect(await store().open(user, state.id)).toEqual({
        id: state.id,
        isNew: false,
        lastTaskId: taskId,
        pending: null,
        recent: [turn("add call mom")],
      });
    });

    test("later turns are appended in order, with what the next message may refer to", async () => {
      const user = await someone();
      const state = await store().open(user, undefined);
      await store().record(user, state, turn("one"), { lastTaskId: null, pending: null }, now);
      const pending = { kind: "offer_all" as const };
      const later = new Date("2026-11-28T10:05:00Z");
      await store().record(
        user,
        await store().open(user, state.id),
        turn("two", later.toISOString()),
        { lastTaskId: taskId, pending },
        later,
      );
      expect((await store().get(user, state.id)).turns.map((t) => t.message)).toEqual(["one", "two"]);
      expect((await store().get(user, state.id)).updated_at).toBe(later.toISOString());
      expect(await store().open(user, state.id)).toMatchObject({ lastTaskId: taskId, pending });
    });

    test("another user's conversation, or an unknown id, is not found", async () => {
      const owner = await someone();
      const state = await store().open(owner, undefined);
      await store().record(owner, state, turn("mine"), { lastTaskId: null, pending: null }, now);
      const stranger = await someone();
      expect(store().open(stranger, state.id)).rejects.toBeInstanceOf(NotFound);
      expect(store().get(stranger, state.id)).rejects.toBeInstanceOf(NotFound);
      expect(store().get(owner, crypto.randomUUID())).rejects.toBeInstanceOf(NotFound);
      expect(store().get(owner, "../../etc/passwd")).rejects.toBeInstanceOf(NotFound);
    });

    test("the latest conversation is the one a turn was last recorded in, with only its last turns; none before the first", async () => {
      const user = await someone();
      expect(await store().latest(user, 10)).toBeUndefined();
      const older = await store().open(user, undefined);
      await store().record(user, older, turn("one"), { lastTaskId: null, pending: null }, now);
      const newer = await store().open(user, undefined);
      const later = new Date("2026-11-28T10:05:00Z");
      await store().record(
        user,
        newer,
        turn("two", later.toISOString()),
        { lastTaskId: null, pending: null },
        later,
      );
      expect((await store().latest(user, 10))?.id).toBe(newer.id);
      // Going back to the older conversation makes it the latest again.
      const latest = new Date("2026-11-28T10:10:00Z");
      for (const message of ["three", "four"])
        await store().record(
          user,
          await store().open(user, older.id),
          turn(message, latest.toISOString()),
          { lastTaskId: null, pending: null },
          latest,
        );
      const view = await store().latest(user, 2);
      expect(view).toMatchObject({ id: older.id, updated_at: latest.toISOString() });
      expect(view!.turns.map((t) => t.message)).toEqual(["three", "four"]);
      expect(await store().latest(await someone(), 10)).toBeUndefined();
    });

    test("turns of one conversation recorded at the same time all stay", async () => {
      const user = await someone();
      const state = await store().open(user, undefined);
      await store().record(user, state, turn("first"), { lastTaskId: null, pending: null }, now);
      const opened = await Promise.all(["a", "b", "c", "d"].map(() => store().open(user, state.id)));
      await Promise.all(
        opened.map((s, i) =>
          store().record(user, s, turn(`at once ${i}`), { lastTaskId: null, pending: null }, now),
        ),
      );
      const messages = (await store().get(user, state.id)).turns.map((t) => t.message);
      expect(messages[0]).toBe("first");
      expect(messages.slice(1).sort()).toEqual(["at once 0", "at once 1", "at once 2", "at once 3"]);
    });
  });
}
