import { useEffect, useMemo, useState } from "react";

/**
 * The current time, read again every minute and whenever `version` changes (a live event, a chat
 * turn), so "Today" and "Overdue" turn over on their own.
 */
export function useNow(version: number): Date {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  return useMemo(() => new Date(), [tick, version]);
}
