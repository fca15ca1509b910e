import { startsWithAdd } from "./add-intent.ts";
import type { Intent, Priority } from "../intent.ts";
import { PRIORITY_VALUE, priorityOf } from "../words/priority.ts";
import type { Reading } from "../reading.ts";
import { targetOrPronoun } from "../words/targets.ts";

/**
 * Changing a priority: "Change the priority of 'buy flight tickets' to low", "make buy flight
 * tickets low priority", "set buy flight tickets to high", "X is urgent", "prioritize X".
 */

// Each pattern names the groups of the task and of the value; a fixed value needs no group.
type Rule = { pattern: RegExp; target: number; value?: number; fixed?: Priority };

const VERB = String.raw`(?:change|set|update|make|switch|put|move|bump|raise|lower|drop|adjust|mark|flag|turn|give)`;
const V = PRIORITY_VALUE; // its one group is the priority word

const RULES: Rule[] = [
  {
    pattern: new RegExp(
      String.raw`^${VERB}\s+(?:the\s+)?(?:priority|prio)\s+(?:of|for|on)\s+(.+?)\s+(?:to|as|at|=|:|into)\s+${V}$`,
      "i",
    ),
    target: 1,
    value: 2,
  },
  {
    pattern: new RegExp(
      String.raw`^${VERB}\s+(?:the\s+)?(?:priority|prio)\s+(?:to|as|at)\s+${V}\s+(?:for|of|on)\s+(.+)$`,
      "i",
    ),
    target: 2,
    value: 1,
  },
  {
    pattern: new RegExp(
      String.raw`^${VERB}\s+(.+?)(?:'s|s')?\s+(?:priority|prio)\s+(?:to|as|at|=|:|into)\s+${V}$`,
      "i",
    ),
    target: 1,
    value: 2,
  },
  {
    pattern: new RegExp(
      String.raw`^(?:priority|prio)\s+(?:of|for)\s+(.+?)\s*(?::|=|is|to|should be)\s*${V}$`,
      "i",
    ),
    target: 1,
    value: 2,
  },
  { pattern: new RegExp(String.raw`^give\s+(.+?)\s+${V}$`, "i"), target: 1, value: 2 },
  {
    pattern: new RegExp(String.raw`^${VERB}\s+(.+?)\s+(?:(?:to|as|at|into)\s+)?${V}$`, "i"),
    target: 1,
    value: 2,
  },
  {
    pattern: new RegExp(
      String.raw`^(.+?)(?:'s|\s+is|\s+should be|\s+needs to be|\s+must be|\s+is now|\s+has)\s+(?:now\s+|actually\s+|really\s+)?${V}$`,
      "i",
    ),
    target: 1,
    value: 2,
  },
  { pattern: new RegExp(String.raw`^(.+?)\s*[-:–—]\s*${V}$`, "i"), target: 1, value: 2 },
  { pattern: /^prioriti[sz]e\s+(.+)$/i, target: 1, fixed: "high" },
  { pattern: /^(?:de-?prioriti[sz]e|downgrade)\s+(.+)$/i, target: 1, fixed: "low" },
  {
    pattern:
      /^(?:raise|increase|bump up|bump|up|boost|escalate)\s+(?:the\s+)?(?:priority|prio)\s+(?:of|for|on)\s+(.+)$/i,
    target: 1,
    fixed: "high",
  },
  {
    pattern: /^(?:lower|decrease|reduce|drop)\s+(?:the\s+)?(?:priority|prio)\s+(?:of|for|on)\s+(.+)$/i,
    target: 1,
    fixed: "low",
  },
  { pattern: /^(?:raise|increase|boost)\s+(.+?)(?:'s)?\s+(?:priority|prio)$/i, target: 1, fixed: "high" },
  { pattern: /^(?:lower|decrease|reduce)\s+(.+?)(?:'s)?\s+(?:priority|prio)$/i, target: 1, fixed: "low" },
];

// "urgent" and "important" alone are priorities only after a verb or "is": "mark X as urgent",
// "X is important". A value of 1–3 needs the word priority ("priority 1"), or "set X to 2" would be one.
function priorityFrom(rule: Rule, m: RegExpExecArray): Priority | undefined {
  if (rule.fixed) return rule.fixed;
  const word = m[rule.value ?? 0] ?? "";
  if (/^[123]$/.test(word) && !/priority|prio|\bp[123]\b/i.test(m[0])) return undefined;
  return priorityOf(word);
}

export function readSetPriority(text: string, r: Reading): Intent | undefined {
  if (startsWithAdd(text)) return undefined; // "add call mom, it's urgent" is a new task
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const priority = priorityFrom(rule, m);
    if (priority)
      return { type: "set_priority", target: targetOrPronoun(m[rule.target] ?? "", r.quotes), priority };
  }
  return undefined;
}
