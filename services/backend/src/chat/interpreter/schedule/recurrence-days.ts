import {
  ORDINAL,
  ordinalValue,
  WEEKDAY,
  WEEKDAY_CODES,
  weekdayCode,
  type WeekdayCode,
} from "../words/vocabulary.ts";

/** The day parts of a schedule: weekday lists and ranges, "the 1st and 15th", "the last Friday", "March 5". */

export const DAY_SEPARATOR = String.raw`(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s*\/\s*|\s+or\s+)`;
/** "Monday", "Mon, Wed and Fri", "mondays and thursdays", "mon wed fri". */
export const WEEKDAY_LIST = String.raw`\b${WEEKDAY}\b(?:(?:${DAY_SEPARATOR}|\s+)\b${WEEKDAY}\b)*`;
/** "Monday to Friday", "mon-fri", "Tuesday through Thursday". */
export const WEEKDAY_RANGE = String.raw`\b${WEEKDAY}\s*(?:-|–|to|through|thru|till|until)\s*${WEEKDAY}\b`;
export const WORKDAYS = String.raw`(?:week\s*days?|workdays?|work days?|working days?|business days?)`;
export const WEEKENDS = String.raw`(?:weekends?|weekend days?)`;
/** "1st", "the 15th", "last day", "1st and the 15th". */
const MONTH_DAY = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?|last(?:\s+day)?|first(?:\s+day)?)`;
export const MONTH_DAY_LIST = String.raw`${MONTH_DAY}(?:${DAY_SEPARATOR}(?:the\s+)?${MONTH_DAY})*`;
const ORDINAL_SEPARATOR = String.raw`(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?`;
/** "first Monday", "last Friday", "2nd and 4th Tuesday". */
export const NTH_WEEKDAY = String.raw`${ORDINAL}(?:${ORDINAL_SEPARATOR}${ORDINAL})*\s+${WEEKDAY}`;
/** Two or more ordinals before a weekday: "2nd and 4th Tuesday" is monthly even without "of the month". */
export const NTH_WEEKDAYS = String.raw`${ORDINAL}(?:${ORDINAL_SEPARATOR}${ORDINAL})+\s+${WEEKDAY}`;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
export const MONTH_NAME = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
/** "March 5", "5 March", "the 5th of March", "Dec 25th". */
export const MONTH_DATE = String.raw`(?:${MONTH_NAME}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+${MONTH_NAME}\b)`;

const WEEKDAY_WORD = new RegExp(String.raw`\b${WEEKDAY}\b`, "gi");
const NTH_WEEKDAY_GROUPS = new RegExp(
  String.raw`((?:${ORDINAL}${ORDINAL_SEPARATOR})*${ORDINAL})\s+(${WEEKDAY})`,
  "gi",
);
const ORDINAL_WORD = new RegExp(ORDINAL, "gi");
const MONTH_DATE_PARTS = new RegExp(
  String.raw`(${MONTH_NAME})\.?\s+(\d{1,2})|(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(${MONTH_NAME})`,
  "i",
);

export function sortDays(days: WeekdayCode[]): WeekdayCode[] {
  return WEEKDAY_CODES.filter((code) => days.includes(code));
}

/** Every weekday named in a list, Monday first, each once. */
export function weekdaysIn(text: string): WeekdayCode[] {
  const words = text.match(WEEKDAY_WORD) ?? [];
  return sortDays(words.map(weekdayCode).filter((code) => code !== undefined));
}

/** A range "Monday to Friday" as its days; a range that wraps ("Friday to Monday") runs through the weekend. */
export function weekdayRange(text: string): WeekdayCode[] {
  const words = text.match(WEEKDAY_WORD) ?? [];
  const start = WEEKDAY_CODES.indexOf(weekdayCode(words[0] ?? "") ?? "MO");
  const end = WEEKDAY_CODES.indexOf(weekdayCode(words[1] ?? "") ?? "SU");
  const days: WeekdayCode[] = [];
  for (let i = start; days.length < 7; i = (i + 1) % 7) {
    days.push(WEEKDAY_CODES[i] ?? "MO");
    if (i === end) break;
  }
  return sortDays(days);
}

/** "1st and 15th" → [1, 15]; "last day" → [-1]. */
export function monthDaysIn(text: string): number[] {
  const days = (text.match(/\d{1,2}|last|first/gi) ?? []).map((word) =>
    /last/i.test(word) ? -1 : /first/i.test(word) ? 1 : Number(word),
  );
  return [...new Set(days)].filter((day) => day === -1 || (day >= 1 && day <= 31));
}

/** "first Monday" → ["1MO"]; "last Friday" → ["-1FR"]; "2nd and 4th Tuesday" → ["2TU", "4TU"]. */
export function nthWeekdaysIn(text: string): string[] {
  const found = [...text.matchAll(NTH_WEEKDAY_GROUPS)];
  return found.flatMap(([, ordinals = "", weekday = ""]) => {
    const code = weekdayCode(weekday);
    const words = ordinals.match(ORDINAL_WORD) ?? [];
    return words.flatMap((word) => {
      const n = ordinalValue(word);
      return n !== undefined && code && Math.abs(n) <= 5 ? [`${n}${code}`] : [];
    });
  });
}

/** "March 5" or "5th of March" → month 3, day 5. */
export function monthDateIn(text: string): { month: number; day: number } | undefined {
  const m = MONTH_DATE_PARTS.exec(text);
  const month = monthNumber(m?.[1] ?? m?.[4] ?? "");
  const day = Number(m?.[2] ?? m?.[3]);
  return month && day >= 1 && day <= 31 ? { month, day } : undefined;
}

export function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.toLowerCase().slice(0, 3));
  return index >= 0 ? index + 1 : undefined;
}
