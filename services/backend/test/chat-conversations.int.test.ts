import { afterAll, beforeAll, describe } from "bun:test";
import { daprConversationStore } from "../src/chat/conversations/dapr-conversation-store.ts";
import { databaseConversationStore } from "../src/chat/conversations/database-conversation-store.ts";
import type { ConversationStore } from "../src/chat/conversations/conversation-store.ts";
import { daprBuilt as isDaprBuilt } from "../../../scripts/infra/dapr-bin.ts";
import { describeConversationStore } from "./conversation-store-scenarios.ts";
import { drivers, startTestBackend, type TestBackend } from "./harness.ts";

for (const driver of drivers) {
  let backend: TestBackend;
  let store: ConversationStore;
  describe(`on ${driver}`, () => {
    beforeAll(async () => {
      backend = await startTestBackend(driver);
      store = databaseConversationStore(backend.deps.database.db);
    });
    afterAll(() => backend.close());
    // Conversations belong to users (a foreign key), so each scenario user signs up.
    describeConversationStore(
      `database (${driver})`,
      () => store,
      async () => (await backend.signup()).user,
    );
  });
}

// The Dapr adapter is tested against a real daprd in chat-conversations.dapr.test.ts. Where daprd
// is not built, a small in-test server speaking Dapr's documented state API stands in for it here,
// so the adapter's ETag handling is still exercised.
const daprBuilt = isDaprBuilt();
describe.skipIf(daprBuilt)(
  "dapr adapter against an in-test stand-in for the sidecar's state API (daprd not built)",
  () => {
    let sidecar: ReturnType<typeof import("./dapr-state-server.ts").startDaprStateServer>;
    let store: ConversationStore;
    beforeAll(async () => {
      const { startDaprStateServer } = await import("./dapr-state-server.ts");
      sidecar = startDaprStateServer();
      store = daprConversationStore({ sidecarUrl: sidecar.url, storeName: "statestore" });
    });
    afterAll(() => sidecar.stop());
    describeConversationStore("dapr (stand-in)", () => store);
  },
);
