import { findMoment } from "../dates/find-moment.ts";
import { LEAD, leadMinutes } from "../dates/lead-time.ts";
import type { Intent } from "../intent.ts";
import { dueOf } from "../dates/moment.ts";
import type { Reading } from "../reading.ts";
import { parseTarget, targetOrPronoun } from "../words/targets.ts";

/**
 * Due dates: "Move X to Friday", "X is due next Monday", "change the due date of X to 5 Dec",
 * "postpone X until next week", "remove the due date from X" (due null), "postpone X by a week" (shift_due). The words after the
 * task must be wholly a date, so "move go to gym to Friday" splits at the "to" before "Friday".
 */

const MOVE = /^(?:move|reschedule|postpone|push|shift|defer|delay|bump|change|put|schedule|set)\s+(.+)$/i;
const CONNECTOR = /\s+(?:back\s+|forward\s+|out\s+)?(?:to|till|until|for|by|on|at|->|→)\s+/gi;
const DUE_DATE = String.raw`(?:due\s+date|deadline|due)`;
const NAMED_DATE: RegExp[] = [
  new RegExp(
    String.raw`^(?:set|change|update|make|move|push|put)\s+(?:the\s+)?${DUE_DATE}\s+(?:of|for|on)\s+(.+?)\s+(?:to|for|as|on|at|:)\s+(.+)$`,
    "i",
  ),
  new RegExp(
    String.raw`^(?:set|change|update|move|push)\s+(.+?)(?:'s|s')?\s+${DUE_DATE}\s+(?:to|for|as|on|at|:)\s+(.+)$`,
    "i",
  ),
  /^(?:make|set)\s+(.+?)\s+(?:be\s+)?due\s+(.+)$/i,
  new RegExp(String.raw`^${DUE_DATE}\s+(?:of|for)\s+(.+?)\s*(?::|is|=|should be)\s*(.+)$`, "i"),
  /^(.+?)\s+(?:is|are|'s|should be|must be|needs to be|has to be|will be|is now)?\s*(?:due|needed|due back)\s+(.+)$/i,
  /^(.+?)\s+(?:needs|has)\s+to\s+be\s+(?:done|finished|completed)\s+(.+)$/i,
];
const CLEAR: RegExp[] = [
  new RegExp(
    String.raw`^(?:remove|clear|delete|drop|unset|get rid of|take off)\s+(?:the\s+)?${DUE_DATE}\s+(?:of|from|for|on)\s+(.+)$`,
    "i",
  ),
  new RegExp(String.raw`^(?:remove|clear|delete|drop|unset)\s+(.+?)(?:'s|s')\s+${DUE_DATE}$`, "i"),
  new RegExp(String.raw`^(.+?)\s+(?:has|needs|should have)\s+no\s+${DUE_DATE}(?:\s+any\s?more)?$`, "i"),
  /^(.+?)\s+(?:is\s+)?(?:not|no longer)\s+due(?:\s+any\s?more)?$/i,
  new RegExp(String.raw`^(?:make|set)\s+(.+?)\s+(?:have\s+)?no\s+${DUE_DATE}$`, "i"),
];
const FILLER_AFTER_DATE = /^(?:\s*(?:instead|then|please|now|again))*\s*$/i;
// "the report is due friday, not thursday": the date said is meant, the one denied is not.
const DENIED = /\s*,?\s*(?:not|instead of|rather than)\s+[^,]+$/i;
// "postpone X by a week", "push X back 2 days", "delay X by an hour": later by that much.
const SHIFT = new RegExp(
  String.raw`^(?:postpone|delay|defer|push|bump|move|shift|put off)\s+(.+?)\s+(?:back\s+|out\s+|off\s+)?(?:by\s+)?${LEAD}(?:\s+(?:later|back))?$`,
  "i",
);

// A date that takes up the whole of `text` (bar "instead" and the like), or nothing.
function wholeDate(said: string, r: Reading) {
  const text = said.replace(DENIED, "");
  const found = findMoment(text, r);
  if (!found || text.slice(0, found.start).trim() !== "" || !FILLER_AFTER_DATE.test(text.slice(found.end)))
    return undefined;
  return found.moment;
}

function readMove(text: string, r: Reading): Intent | undefined {
  const body = MOVE.exec(text)?.[1];
  if (!body) return undefined;
  for (const connector of body.matchAll(CONNECTOR)) {
    const target = body.slice(0, connector.index);
    // The preposition stays with the date, since "until the 15th" is a date where "the 15th" alone is not.
    const preposition = connector[0].trim().split(/\s+/).at(-1) ?? "";
    const moment = wholeDate(`${preposition} ${body.slice(connector.index + connector[0].length)}`, r);
    // "move X from Friday to Monday": the old date is no part of the task's name.
    const from = /\s+from\s+(.+)$/i.exec(target);
    const named = from?.[1] && wholeDate(from[1], r) ? target.slice(0, from.index) : target;
    if (moment && named.trim())
      return { type: "set_due", target: targetOrPronoun(named, r.quotes), due: dueOf(moment, true) };
  }
  return undefined;
}

function readShift(text: string, r: Reading): Intent | undefined {
  const m = SHIFT.exec(text);
  const minutes = m ? leadMinutes(m[0], m[2], m[3]) : undefined;
  return m && minutes
    ? { type: "shift_due", target: targetOrPronoun(m[1] ?? "", r.quotes), minutes }
    : undefined;
}

export function readSetDue(text: string, r: Reading): Intent | undefined {
  const shift = readShift(text, r);
  if (shift) return shift;
  for (const pattern of CLEAR) {
    const m = pattern.exec(text);
    const target = m ? parseTarget(m[1] ?? "", r.quotes) : undefined;
    if (target) return { type: "set_due", target, due: null };
  }
  for (const pattern of NAMED_DATE) {
    const m = pattern.exec(text);
    const moment = m ? wholeDate(m[2] ?? "", r) : undefined;
    if (m && moment)
      return { type: "set_due", target: targetOrPronoun(m[1] ?? "", r.quotes), due: dueOf(moment, true) };
  }
  return readMove(text, r);
}
