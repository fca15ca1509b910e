// Where the Dapr binaries built from source live, without what runs them (dapr.ts): a test or script
// that only asks whether they are built does not need them built (scripts/testing/prepare.ts).
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const DAPR_VERSION = process.env.DAPR_VERSION ?? "1.18.2";
export const DAPR_BIN_DIR =
  process.env.DAPR_BIN_DIR ?? join(homedir(), ".cache", "chat-todo", `dapr-${DAPR_VERSION}`);

/** Whether daprd and the scheduler are built (scripts/infra/dapr/build.sh puts them in DAPR_BIN_DIR). */
export const daprBuilt = () =>
  existsSync(join(DAPR_BIN_DIR, "daprd")) && existsSync(join(DAPR_BIN_DIR, "scheduler"));
