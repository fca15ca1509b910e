import { RateLimited } from "@todo/service-kit";

/** Hashing and checking passwords through a bounded queue (argon2id costs ~64 MiB and ~1 s of a core). */
export interface PasswordWork {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

/**
 * At most `concurrency` argon2id computations at once and `queue` waiting; beyond that the request
 * is refused at once with 429 and Retry-After, so a burst of signups or logins can neither exhaust
 * memory nor starve every other request of the CPU.
 * @example
 * const passwords = createPasswordWork({ concurrency: 2, queue: 32 });
 * const hash = await passwords.hash("correct horse battery");
 */
export function createPasswordWork(options: { concurrency: number; queue: number }): PasswordWork {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (running >= options.concurrency) {
      if (waiting.length >= options.queue)
        throw new RateLimited("too many sign-ins and sign-ups at this moment; try again in a second", 1);
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  return {
    hash: (password) => withSlot(() => Bun.password.hash(password, { algorithm: "argon2id" })),
    verify: (password, hash) => withSlot(() => Bun.password.verify(password, hash)),
  };
}
