// Dates and times in the user's own zone (the one on their profile, not the browser's).
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = zone + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone })));
  return f;
}

/** "Mon, Dec 7, 9:00 AM" in the zone. */
export const dateTime = (instant: string, zone: string) =>
  formatter(zone, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(instant));

/** "Mon, Dec 7": the local day of an instant, for what happens on a day, not at a time (an all-day occurrence). */
export const dayOf = (instant: string, zone: string) =>
  formatter(zone, { weekday: "short", month: "short", day: "numeric" }).format(new Date(instant));

/** "Mon, Dec 7" for a date-only due date (no zone shift: it is already the user's date). */
export const dateOnly = (date: string) =>
  formatter("UTC", { weekday: "short", month: "short", day: "numeric" }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** The browser's zone, offered at sign-up. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** Every IANA zone the browser knows, for the zone picker. */
export const knownZones = (): string[] =>
  (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
