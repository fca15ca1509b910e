export { appendEvents, InvalidEventError, OUTBOX_CHANNEL } from "./outbox-writer.ts";
export { inbox, outbox } from "./db/tables.ts";
