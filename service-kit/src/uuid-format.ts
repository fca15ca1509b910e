import "@elysiajs/openapi";
import { FormatRegistry } from "@sinclair/typebox";

// @elysiajs/openapi replaces TypeBox's "uuid" format, when it is imported, with a check that
// builds a Zod schema for every value it checks: a fifth of a task list's answer time went there
// (response validation checks each task's ids). The same rule, Zod 4's `z.string().uuid()`,
// as one regular expression: RFC 9562 versions 1–8 with the variant bits 10xx, or the nil and max
// UUIDs. Importing @elysiajs/openapi above first makes this module's registration the last one.

/** Zod 4's UUID pattern (what the "uuid" format accepted before this module). */
export const UUID_PATTERN =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** The "uuid" format's check: one regular expression test, nothing built per value. */
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

FormatRegistry.Set("uuid", isUuid);
