/** Where a service reads the time: injected everywhere, so tests move time without waiting. */
export interface Clock {
  now(): Date;
  /** Calls `listener` whenever the time jumps (only a test clock jumps); returns an unsubscribe. */
  onJump?(listener: () => void): () => void;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until a test moves it. */
export function fixedClock(start: Date): Clock & { set(to: Date): void; advance(ms: number): void } {
  let current = new Date(start);
  const listeners = new Set<() => void>();
  const jumped = () => listeners.forEach((l) => l());
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
      jumped();
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
      jumped();
    },
    onJump: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Real time plus an offset that end-to-end tests can move forward through the running services
 * (`TEST_CLOCK=1`), so a weekly recurrence can be exercised in seconds.
 */
export function offsetClock(): Clock & {
  offsetMs(): number;
  moveTo(instant: Date): void;
  advance(ms: number): void;
} {
  let offset = 0;
  const listeners = new Set<() => void>();
  const jumped = () => listeners.forEach((l) => l());
  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    moveTo: (instant) => {
      offset = instant.getTime() - Date.now();
      jumped();
    },
    advance: (ms) => {
      offset += ms;
      jumped();
    },
    onJump: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
