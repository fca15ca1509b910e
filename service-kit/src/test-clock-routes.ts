import { Elysia, t } from "elysia";
import type { offsetClock } from "@todo/messaging";
import { ConfigError } from "./load-config.ts";

/**
 * `GET/POST /test/clock`: read or move a service's clock. Mounted only when TEST_CLOCK=1, which a
 * production service refuses (see `checkTestClock`).
 */
export const testClockRoutes = (clock: ReturnType<typeof offsetClock>) =>
  new Elysia({ name: "test-clock", detail: { tags: ["testing"], hide: true } })
    .get("/test/clock", () => ({ now: clock.now().toISOString(), offset_ms: clock.offsetMs() }))
    .post(
      "/test/clock",
      ({ body }) => {
        if (body.now) clock.moveTo(new Date(body.now));
        if (body.advance_ms) clock.advance(body.advance_ms);
        return { now: clock.now().toISOString(), offset_ms: clock.offsetMs() };
      },
      {
        body: t.Object(
          { now: t.Optional(t.String({ format: "date-time" })), advance_ms: t.Optional(t.Integer()) },
          { additionalProperties: false },
        ),
      },
    );

/** Refuses TEST_CLOCK=1 in production: a movable clock would let anyone fire every reminder. */
export function checkTestClock(config: { TEST_CLOCK: boolean; NODE_ENV: string }): void {
  if (config.TEST_CLOCK && config.NODE_ENV === "production")
    throw new ConfigError("TEST_CLOCK=1 is refused when NODE_ENV=production");
}
