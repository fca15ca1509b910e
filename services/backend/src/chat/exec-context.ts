import type { UserRow } from "../db/schema.ts";
import type { Deps } from "../deps.ts";

/** Who is talking, when, and what the conversation last talked about. */
export interface ExecContext {
  deps: Pick<Deps, "database" | "clock">;
  user: UserRow;
  now: Date;
  zone: string;
  lastTaskId: string | null;
}
