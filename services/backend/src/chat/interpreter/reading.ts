import type { InterpretContext } from "./intent.ts";

/** What every grammar file gets: the clock and zone, and the quoted phrases taken out of the message. */
export type Reading = InterpretContext & { quotes: string[] };
