import { numberValue } from "../words/vocabulary.ts";

/** An amount of time before something: "an hour", "15 minutes", "half an hour", "a day", "2 weeks". */
export const LEAD = String.raw`(?:half an hour|an hour and a half|(\d+|a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|weeks?))`;

/** What may follow "before" when it means "before the task is due": "before", "before it", "before it's due". */
export const BEFORE_IT = String.raw`\s+(?:before|ahead|earlier|in advance)(?:\s+(?:it\s*'?\s*s due|it is due|it starts|of (?:it|time)|hand|it|that))?`;

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

/** The minutes a match of LEAD stands for (its groups 1 and 2 are the amount and the unit). */
export function leadMinutes(
  whole: string,
  amount: string | undefined,
  unit: string | undefined,
): number | undefined {
  if (/half an hour/i.test(whole)) return 30;
  if (/an hour and a half/i.test(whole)) return 90;
  const count = numberValue(amount ?? "");
  const minutes = UNIT_MINUTES[(unit ?? "").toLowerCase()[0] ?? ""];
  return count !== undefined && minutes !== undefined ? count * minutes : undefined;
}
