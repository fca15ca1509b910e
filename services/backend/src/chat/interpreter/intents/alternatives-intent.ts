import type { Intent } from "../intent.ts";
import { askHowManyDays, askWhichDate, askWhichSchedule } from "./clarify.ts";

/**
 * Alternatives are asked about, never guessed: "next friday or saturday", "on the 3rd or the
 * 4th", "every monday or tuesday". A vague amount ("every few days") gets a question with
 * examples. Lists ("show tasks due today or tomorrow") are read before this and keep their range.
 */
const DAY = String.raw`(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|today|tonight|tomorrow`;
const NTH = String.raw`\d{1,2}(?:st|nd|rd|th)`;
const DATE_OR = new RegExp(
  String.raw`\b(?:(?:next|this|on)\s+)?(${DAY})\s+or\s+(?:(?:next|this|on)\s+)?(${DAY})\b`,
  "i",
);
const NTH_OR = new RegExp(String.raw`\bthe\s+(${NTH})\s+or\s+(?:on\s+)?(?:the\s+)?(${NTH})\b`, "i");
const SCHEDULE_OR = new RegExp(
  String.raw`\b(?:every|each)\s+(${DAY})\s+or\s+(?:every\s+|each\s+)?(${DAY})\b`,
  "i",
);
const FEW =
  /\b(?:every|each)\s+(?:few|couple(?:\s+of)?|several|some|other\s+few)\s+(days|weeks|months)\b|\b(?:every\s+(?:now\s+and\s+then|so\s+often|once\s+in\s+a\s+while)|from\s+time\s+to\s+time)\b/i;

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

export function readAlternatives(text: string): Intent | undefined {
  const few = FEW.exec(text);
  if (few) return askHowManyDays(few[0]);
  const schedule = SCHEDULE_OR.exec(text);
  if (schedule)
    return askWhichSchedule(schedule[0], [
      `every ${capital(schedule[1] ?? "")}`,
      `every ${capital(schedule[2] ?? "")}`,
    ]);
  const date = DATE_OR.exec(text);
  if (date) return askWhichDate(date[0], [capital(date[1] ?? ""), capital(date[2] ?? "")]);
  const nth = NTH_OR.exec(text);
  if (nth) return askWhichDate(nth[0], [`the ${nth[1]}`, `the ${nth[2]}`]);
  return undefined;
}
