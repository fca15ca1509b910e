import { RateLimited, type Clock } from "@todo/service-kit";
import { createRateLimiter } from "./rate-limiter.ts";

export interface AuthLimitSettings {
  loginAttemptsPerMinute: number;
  authAttemptsPerAddressPerMinute: number;
  signupsPerAddressPerHour: number;
  signupAttemptsPerEmailPerHour: number;
  authAttemptsPerMinute: number;
}

type Limiter = ReturnType<typeof createRateLimiter>;

/**
 * The limits in front of every signup and login, each a fixed window in this replica's memory:
 * per email and address (guessing one account's password), per address (one client trying many
 * emails, or making many accounts), per email for signups (a 409 says the account exists, so one
 * address probed from rotating clients is slowed too) and for everyone together (a flood from
 * rotating addresses; the argon2 queue bounds the work besides). The address is the real client's (client-address.ts).
 */
export function createAuthLimits(settings: AuthLimitSettings, clock: Clock) {
  const perEmail = createRateLimiter(settings.loginAttemptsPerMinute, 60_000, clock);
  const perAddress = createRateLimiter(settings.authAttemptsPerAddressPerMinute, 60_000, clock);
  const signupsPerAddress = createRateLimiter(settings.signupsPerAddressPerHour, 3_600_000, clock);
  const signupsPerEmail = createRateLimiter(settings.signupAttemptsPerEmailPerHour, 3_600_000, clock);
  const everyone = createRateLimiter(settings.authAttemptsPerMinute, 60_000, clock);

  // Every counter counts the attempt; the longest wait among those over their limit is the answer.
  function admit(what: string, checks: [Limiter, string][]): void {
    const wait = Math.max(0, ...checks.map(([limiter, key]) => limiter.hit(key)));
    if (wait > 0) throw new RateLimited(`too many ${what} attempts; try again in ${wait} s`, wait);
  }

  return {
    login: (email: string, address: string) =>
      admit("sign-in", [
        [perEmail, `${email}|${address}`],
        [perAddress, address],
        [everyone, "*"],
      ]),
    signup: (email: string, address: string) =>
      admit("sign-up", [
        [signupsPerEmail, email],
        [signupsPerAddress, address],
        [perAddress, address],
        [everyone, "*"],
      ]),
  };
}
