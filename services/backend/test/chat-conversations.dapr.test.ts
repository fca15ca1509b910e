// The Dapr conversation store against a real daprd 1.18 sidecar whose `statestore` component is
// state.postgresql v2 on the test PostgreSQL, and the chat through it: `POST /api/chat` with
// CONVERSATION_STORE=dapr keeps the history and the "Which one?" follow-up in the state store.
// Run with `npm test -- --tier dapr`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { daprConversationStore } from "../src/chat/conversations/dapr-conversation-store.ts";
import { conversations as conversationsTable } from "../src/db/schema.ts";
import { renderComponent, startSidecar } from "../../../scripts/infra/dapr.ts";
import { freePort } from "../../../scripts/infra/free-port.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../../scripts/testing/fresh-database.ts";
import { describeConversationStore } from "./conversation-store-scenarios.ts";
import { startTestBackend, type TestBackend } from "./harness.ts";

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  "chat history in the Dapr state store (real daprd, state.postgresql v2)",
  () => {
    let stateDatabase: string;
    let componentsDir: string;
    let sidecar: Awaited<ReturnType<typeof startSidecar>>;
    let sidecarUrl: string;

    beforeAll(async () => {
      stateDatabase = await createPostgresDatabase();
      componentsDir = await mkdtemp(join(tmpdir(), "dapr-statestore-"));
      await renderComponent(componentsDir, "statestore-postgresql", {
        name: "statestore",
        connectionString: stateDatabase,
      });
      // The sidecar serves the state API without an app; nothing listens on the app port.
      sidecar = await startSidecar({ appId: "backend", appPort: await freePort(), componentsDir });
      sidecarUrl = `http://127.0.0.1:${sidecar.httpPort}`;
    }, 120_000);
    afterAll(async () => {
      await sidecar?.stop();
      await rm(componentsDir, { recursive: true, force: true });
      await dropPostgresDatabase(stateDatabase);
    });

    describeConversationStore("dapr (real daprd)", () =>
      daprConversationStore({ sidecarUrl, storeName: "statestore" }),
    );

    describe("through POST /api/chat", () => {
      let backend: TestBackend;
      let token: string;
      beforeAll(async () => {
        backend = await startTestBackend("pglite", {}, () => ({
          conversations: daprConversationStore({ sidecarUrl, storeName: "statestore" }),
        }));
        token = (await backend.signup(undefined, "Europe/Berlin")).token;
      });
      afterAll(() => backend.close());
      const say = async (message: string, conversation_id?: string) => {
        const res = await backend.call("POST", "/api/chat", {
          body: conversation_id ? { message, conversation_id } : { message },
          token,
        });
        expect(res.status).toBe(200);
        return res.body as { conversation_id: string; reply: string; actions: Record<string, string>[] };
      };

      test("a conversation's turns and its open question live in the state store, not the database", async () => {
        const first = await say("add call mom tomorrow");
        const id = first.conversation_id;
        await say("add call mom", id);
        const question = await say("mark call mom as done", id);
        expect(question.reply).toStartWith("Which one:");
        const answer = await say("the one due tomorrow", id);
        expect(answer.reply).toBe("Done: 'call mom' is marked complete.");
        const history = await backend.call("GET", `/api/conversations/${id}`, { token });
        expect(history.status).toBe(200);
        expect(history.body.turns.map((t: { message: string }) => t.message)).toEqual([
          "add call mom tomorrow",
          "add call mom",
          "mark call mom as done",
          "the one due tomorrow",
        ]);
        expect(await backend.deps.database.db.select().from(conversationsTable)).toEqual([]);
        const other = await backend.signup(undefined, "UTC");
        expect((await backend.call("GET", `/api/conversations/${id}`, { token: other.token })).status).toBe(
          404,
        );
      });
    });
  },
);
