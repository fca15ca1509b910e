import type { EventHandlers } from "@todo/messaging";
import type { Clock, Logger } from "@todo/service-kit";
import { materializeOccurrence } from "./recurrence/materialize-occurrence.ts";

export const CONSUMER = "backend";

/** The events the backend reacts to: a recurring occurrence firing makes its instance. */
export const backendHandlers = (clock: Clock, logger: Logger): EventHandlers => ({
  reminders: async (tx, event) => void (await materializeOccurrence(tx, event, clock, logger)),
});
