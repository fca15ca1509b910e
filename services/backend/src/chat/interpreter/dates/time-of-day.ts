/** Clock times in the user's words: "9 AM", "2pm", "14:00", "8:30", "at 5", "noon", "in the evening". */

/** `bare`: written without AM/PM on a 12 h clock ("at 6", "8:30"), so a part of the day may still settle its half. */
export type ClockTime = { hour: number; minute: number; bare?: boolean };

/** The hour each part of the day stands for, for one-off dates and recurrences alike. */
export const PART_OF_DAY: Record<string, ClockTime> = {
  morning: { hour: 9, minute: 0 },
  noon: { hour: 12, minute: 0 },
  midday: { hour: 12, minute: 0 },
  afternoon: { hour: 15, minute: 0 },
  evening: { hour: 18, minute: 0 },
  night: { hour: 20, minute: 0 },
  tonight: { hour: 20, minute: 0 },
  midnight: { hour: 0, minute: 0 },
};

/**
 * An hour written without AM or PM ("at 5", "5:30", "5 o'clock"): 1 to 6 is read as PM, 7 to 12
 * as written (7 AM to 11 AM, 12 noon). Tasks and reminders are booked in waking hours: "call mom
 * at 3" is 3 PM, "standup at 9" 9 AM, and nobody books 5 AM without saying so. A part of the day
 * said with it wins ("every morning at 6", "at 6 in the morning": 6 AM; "every evening at 7":
 * 7 PM; see settleHalf), and a leading zero ("05:00") or an hour past 12 is a 24 h clock.
 */
export function resolveBareHour(hour: number, written: string): number {
  const twentyFourHour = /^0\d/.test(written.replace(/^\D+/, ""));
  return hour >= 1 && hour <= 6 && !twentyFourHour ? hour + 12 : hour;
}

/** True for an hour written on a 12 h clock with no AM/PM: "6", "6:30", not "06:30" or "18:00". */
export function isBareHour(hour: number, written: string): boolean {
  return hour >= 1 && hour <= 12 && !/^0\d/.test(written.replace(/^\D+/, ""));
}

/**
 * A part of the day settles the half of a bare hour: morning is AM, afternoon and evening PM,
 * night PM from 5 to 11 and the small hours after midnight otherwise ("every night at 1").
 * An hour written with AM/PM or on a 24 h clock is never changed.
 */
export function settleHalf(time: ClockTime, part: ClockTime | undefined): ClockTime {
  if (!part || !time.bare) return time;
  const twelve = time.hour % 12; // "6" read as 18 is 6 again; "12" is 0
  const pm = part.hour >= 20 ? twelve >= 5 : part.hour >= 12;
  return { hour: pm ? twelve + 12 : twelve, minute: time.minute, bare: true };
}

// "at 6 in the morning", "7:30 in the evening", "at 11 at night": the part of the day after the time.
const FOLLOWING_PART = /^\s*(?:in\s+the\s+(morning|afternoon|evening)|at\s+(night))\b/i;

export function formatClock({ hour, minute }: ClockTime): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

const MERIDIEM = /^(a|p)m?$/i;

// Alternatives, most specific first. A bare number is a time only after "at" or "@".
const TIME = new RegExp(
  [
    String.raw`(?:(?:\b(?:at|by|around|about)|@)\s*)?\b(\d{1,2})[:.](\d{2})\s*(am|pm|a|p)?\b`,
    String.raw`(?:(?:\b(?:at|by|around|about)|@)\s*)?\b(\d{1,2})\s*(am|pm)\b`,
    String.raw`(?:(?:\b(?:at|around|about)|@)\s*)?\b(\d{1,2})\s*o'?clock\b`,
    String.raw`(?:\bat|@)\s*(\d{1,2})\b(?![:.]?\d|\s*(?:st|nd|rd|th|%|days?|weeks?|months?|times?)\b)`,
    String.raw`(?:\b(?:at|around)\s+)?\b(noon|midday|midnight)\b`,
    String.raw`\b(?:in the|every|each|at|this)\s+(morning|afternoon|evening|night)s?\b`,
  ].join("|"),
  "i",
);

function valid(time: ClockTime): ClockTime | undefined {
  return time.hour >= 0 && time.hour <= 23 && time.minute >= 0 && time.minute <= 59 ? time : undefined;
}

function withMeridiem(hour: number, meridiem: string): number {
  const pm = meridiem.toLowerCase().startsWith("p");
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function readMatch(m: RegExpExecArray): ClockTime | undefined {
  const [, h1, m1, mer1, h2, mer2, h3, h4, named, part] = m;
  if (h1 && m1) {
    const hour = Number(h1);
    if (mer1 && MERIDIEM.test(mer1))
      return hour <= 12 ? valid({ hour: withMeridiem(hour, mer1), minute: Number(m1) }) : undefined;
    return valid({ hour: resolveBareHour(hour, h1), minute: Number(m1), bare: isBareHour(hour, h1) });
  }
  if (h2 && mer2)
    return Number(h2) <= 12 ? valid({ hour: withMeridiem(Number(h2), mer2), minute: 0 }) : undefined;
  if (h3)
    return valid({ hour: resolveBareHour(Number(h3), h3), minute: 0, bare: isBareHour(Number(h3), h3) });
  if (h4)
    return valid({ hour: resolveBareHour(Number(h4), h4), minute: 0, bare: isBareHour(Number(h4), h4) });
  const word = (named ?? part)?.toLowerCase();
  return word ? PART_OF_DAY[word] : undefined;
}

/** The first clock time in `text`, with where it stands so that it can be cut out. */
export function findClockTime(text: string): { time: ClockTime; start: number; end: number } | undefined {
  const pattern = new RegExp(TIME.source, "gi");
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const time = readMatch(m);
    if (!time) continue;
    const end = m.index + m[0].length;
    const part = time.bare ? FOLLOWING_PART.exec(text.slice(end)) : null;
    if (part)
      return {
        time: settleHalf(time, PART_OF_DAY[(part[1] ?? part[2] ?? "").toLowerCase()]),
        start: m.index,
        end: end + part[0].length,
      };
    return { time, start: m.index, end };
  }
  return undefined;
}
