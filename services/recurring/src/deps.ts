import type { Clock } from "@todo/outbox/runtime";

/** The collaborators every feature gets; built once in main.ts (or by a test). */
export interface Deps {
  clock: Clock;
  limits: { maxBodyBytes: number };
}
