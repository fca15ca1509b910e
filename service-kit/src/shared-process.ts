import type { SharedPglite } from "@todo/messaging/db";
import { offsetClock, systemClock, type Clock, type Transport } from "@todo/messaging";

/** What several services share when they run in one process (the embedded default, `npm start`). */
export interface SharedProcess {
  transport?: Transport;
  /** One embedded database for every service, each in its own schema (used when a service has no DATABASE_URL). */
  pglite?: SharedPglite;
  /** One movable clock for every service in the process (TEST_CLOCK=1). */
  testClock?: ReturnType<typeof offsetClock>;
}

/**
 * The service's clock: the process's shared test clock, a test clock of its own with
 * TEST_CLOCK=1, else real time. `testClock` is returned too, for mounting `/test/clock`.
 */
export function chooseClock(
  config: { TEST_CLOCK: boolean },
  shared: SharedProcess,
): { clock: Clock; testClock?: ReturnType<typeof offsetClock> } {
  const testClock = shared.testClock ?? (config.TEST_CLOCK ? offsetClock() : undefined);
  return { clock: testClock ?? systemClock, testClock };
}
