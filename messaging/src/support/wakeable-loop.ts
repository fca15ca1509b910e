import { inBackground } from "./background.ts";

/** A background loop that sleeps between rounds and can be woken early. */
export interface WakeableLoop {
  /** Wakes the loop now; a poke during a round makes the next round start as soon as it ends. */
  poke(): void;
  /** Ends the loop after the round under way; resolves when it has ended. */
  stop(): Promise<void>;
}

export interface WakeableLoopOptions {
  /**
   * One round of work. Resolves with how long to sleep before the next round (ms; cut short by a
   * poke). `failures` counts the rounds that threw in a row before this one.
   */
  round(failures: number): Promise<number>;
  /** Hears each failed round (log it, count it); the loop retries after 0.2 s, doubling up to 10 s. */
  onError(error: Error, failures: number): void;
}

/**
 * The loop shared by the outbox relay and both schedulers: run a round, sleep as long as it asks
 * or until poked (a NOTIFY, a clock jump, a stop), retry a failing round with a growing pause.
 * A round is background work (`inBackground`): on the embedded database requests go first. A
 * poke that arrives while a round fails does not cut the pause short, so a broker or sidecar that
 * is away is not hammered at the rate commits arrive.
 * @example
 * const loop = startWakeableLoop({ round: async () => (await drain(), 500), onError: (error) => log.warn("drain failed", { error }) });
 * listenForWakeUps(database, "outbox", loop.poke, "polling", log);
 */
export function startWakeableLoop(options: WakeableLoopOptions): WakeableLoop {
  let stopped = false;
  let poked = false;
  let wake: (() => void) | undefined;
  const poke = () => {
    poked = true;
    wake?.();
  };

  async function run() {
    let failures = 0;
    while (!stopped) {
      poked = false;
      let pause: number;
      try {
        pause = await inBackground(() => options.round(failures));
        failures = 0;
      } catch (error) {
        failures++;
        options.onError(error as Error, failures);
        pause = Math.min(100 * 2 ** failures, 10_000);
      }
      if (stopped || pause <= 0 || (poked && failures === 0)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    }
  }
  const running = run();

  return {
    poke,
    async stop() {
      stopped = true;
      poke();
      await running;
    },
  };
}
