// Calendar arithmetic in the user's own zone (the one on their profile, not the browser's), with
// Intl only: Temporal or a date library would cost the initial-JS budget more than these lines.
const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f)
    partsCache.set(
      zone,
      (f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })),
    );
  return f;
}

/** The wall clock in `zone` at `instant`: "2027-03-08" and "09:00". */
export function wallClock(instant: Date, zone: string): { date: string; time: string } {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(zone).formatToParts(instant)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

// Milliseconds the zone's wall clock is ahead of UTC at `instant`.
function offsetMs(instant: number, zone: string): number {
  const { date, time } = wallClock(new Date(instant), zone);
  const seconds = new Date(instant).getUTCSeconds();
  return (
    Date.parse(`${date}T${time}:${String(seconds).padStart(2, "0")}Z`) - Math.floor(instant / 1000) * 1000
  );
}

/**
 * The instant a wall-clock `date` + `time` names in `zone`. In a spring-forward gap the time moves
 * forward by the gap (02:30 → 03:30), as RFC 5545 and the backend do; in the autumn overlap the
 * first (earlier) instant wins.
 * @example zonedInstant("2027-03-08", "09:00", "Europe/Berlin") // 2027-03-08T08:00:00.000Z
 */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const first = asUtc - offsetMs(asUtc, zone);
  const second = asUtc - offsetMs(first, zone);
  // Two guesses differ only around a change; the earlier one that reads back as the wall time wins.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  const exact = candidates.find((t) => {
    const w = wallClock(new Date(t), zone);
    return w.date === date && w.time === time;
  });
  return new Date(exact ?? Math.max(first, second));
}

/** Whole days from date `a` to date `b` (both "YYYY-MM-DD"). */
export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
