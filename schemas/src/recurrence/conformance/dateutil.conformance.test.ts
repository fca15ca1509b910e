// python-dateutil's rrule suite replayed against the recurrence core. dateutil (from PyPI, in a
// cached virtual environment) computes every expected list during this run from the rules in its
// own tests/test_rrule.py (see dateutil-cases.py); nothing is copied. A case agrees when the core
// lists the same occurrences, or refuses a rule RFC 5545 does not allow (section 3.3.10, or a part
// that is not RFC 5545's, such as dateutil's BYEASTER) with a reason that cites it.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { expandRule } from "../index.ts";
import { dateutilPython, dateutilRruleTests } from "./dateutil-env.ts";

interface Case {
  name: string;
  source: string;
  dtstart: string;
  rrule: string;
  occurrences: string[];
}

/** What RFC 5545 does not allow, judged from the rule text alone (not from the core's answer). */
function notAllowedByRfc(rrule: string): RegExp | undefined {
  const parts = new Map(rrule.split(";").map((p) => p.split("=") as [string, string]));
  const freq = parts.get("FREQ");
  const numbered = parts
    .get("BYDAY")
    ?.split(",")
    .some((d) => /\d/.test(d));
  if (parts.has("BYEASTER")) return /BYEASTER is not an RRULE part/;
  if (parts.has("BYWEEKNO") && freq !== "YEARLY") return /BYWEEKNO only works with FREQ=YEARLY/;
  if (parts.has("BYYEARDAY") && ["DAILY", "WEEKLY", "MONTHLY"].includes(freq!))
    return /BYYEARDAY cannot be used with FREQ=/;
  if (numbered && freq !== "MONTHLY" && freq !== "YEARLY")
    return /a position such as 1MO or -1FR only works with FREQ=MONTHLY or FREQ=YEARLY/;
  if (numbered && parts.has("BYWEEKNO")) return /a position cannot be combined with BYWEEKNO/;
  if (parts.has("BYMONTHDAY") && freq === "WEEKLY") return /BYMONTHDAY cannot be used with FREQ=WEEKLY/;
  return undefined;
}

const wall = (basic: string) =>
  basic.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/, "$1-$2-$3T$4:$5:$6");

function loadCases(): { version: string; cases: Case[]; skipped: { name: string; why: string }[] } {
  const script = join(import.meta.dir, "dateutil-cases.py");
  const result = Bun.spawnSync([dateutilPython(), script, dateutilRruleTests()], {
    stdout: "pipe",
    stderr: "pipe",
  });
  if (result.exitCode !== 0) throw new Error(`dateutil-cases.py failed: ${result.stderr.toString()}`);
  const parsed = JSON.parse(result.stdout.toString());
  return { version: parsed.dateutil, cases: parsed.cases, skipped: parsed.skipped };
}

type Agreement =
  | "same occurrences"
  | "refused: not an RFC 5545 part"
  | "refused: RFC 5545 §3.3.10 forbids it"
  | "refused: never occurs";

/** How the core and dateutil agree about one case, or why they do not. */
function compare(c: Case): { agrees: Agreement } | { disagrees: string } {
  const why = disagreement(c);
  if (why !== null) return { disagrees: why };
  const forbidden = notAllowedByRfc(c.rrule);
  if (forbidden)
    return {
      agrees: c.rrule.includes("BYEASTER")
        ? "refused: not an RFC 5545 part"
        : "refused: RFC 5545 §3.3.10 forbids it",
    };
  return {
    agrees:
      c.occurrences.length === 0 &&
      !expandRule({ rrule: c.rrule, dtstart: wall(c.dtstart), timezone: "UTC" }, { limit: 1 }).ok
        ? "refused: never occurs"
        : "same occurrences",
  };
}

/** Why the core and dateutil disagree about one case, or null when they agree. */
function disagreement(c: Case): string | null {
  const limit = Math.max(c.occurrences.length + 1, 1);
  const result = expandRule({ rrule: c.rrule, dtstart: wall(c.dtstart), timezone: "UTC" }, { limit });
  const forbidden = notAllowedByRfc(c.rrule);
  if (forbidden) {
    if (!result.ok && forbidden.test(result.problem.message)) return null;
    return `RFC 5545 does not allow it, but the core ${result.ok ? `listed ${result.value.length} occurrences` : `refused it otherwise: ${result.problem.message}`}`;
  }
  // API.md's deliberate exception: a rule that can never occur is refused, not listed as nothing.
  if (
    !result.ok &&
    c.occurrences.length === 0 &&
    result.problem.message.startsWith("never produces an occurrence")
  )
    return null;
  if (!result.ok) return `refused: ${result.problem.field}: ${result.problem.message}`;
  const got = result.value.map((d) => d.toISOString().slice(0, 19));
  if (JSON.stringify(got) === JSON.stringify(c.occurrences)) return null;
  return `dateutil ${JSON.stringify(c.occurrences.slice(0, 6))}… (${c.occurrences.length}), core ${JSON.stringify(got.slice(0, 6))}… (${got.length})`;
}

describe("python-dateutil's rrule suite, replayed against the recurrence core", () => {
  test("every case agrees: the same occurrences, or a rule RFC 5545 does not allow refused with the rule it breaks", () => {
    const { version, cases, skipped } = loadCases();
    const results = cases.map((c) => ({ c, result: compare(c) }));
    const failures = results.flatMap(({ c, result }) =>
      "disagrees" in result ? [{ c, why: result.disagrees }] : [],
    );
    for (const { c, why } of failures)
      console.log(`disagrees: ${c.name}: ${c.rrule} from ${c.dtstart}: ${why}`);
    const kinds = new Map<string, number>();
    for (const { result } of results)
      if ("agrees" in result) kinds.set(result.agrees, (kinds.get(result.agrees) ?? 0) + 1);
    console.log(
      `dateutil ${version} conformance: ${cases.length - failures.length} of ${cases.length} agree (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")}; ${skipped.length} cases of the file skipped: rule sets or zoned DTSTART objects)`,
    );
    expect(cases.length).toBeGreaterThan(200);
    expect(failures.map(({ c, why }) => `${c.name}: ${why}`)).toEqual([]);
  }, 120_000);
});
