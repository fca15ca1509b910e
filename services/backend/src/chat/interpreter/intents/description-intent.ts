import type { Intent } from "../intent.ts";
import type { Reading } from "../reading.ts";
import { restoreQuotes } from "../words/quotes.ts";
import { targetOrPronoun } from "../words/targets.ts";

/**
 * Descriptions of an existing task: "add a description to buy milk: 2% organic", "add a note to
 * it saying bring the receipt" (added after what is there), "set the description of X to Y",
 * "describe X as Y" (replacing it). Read before adds, which would file "a description to …" as a
 * new task.
 */
const NOTE = String.raw`(?:a\s+|an\s+|the\s+|some\s+)?(?:description|note|notes|details|comment)`;
const SAYS = String.raw`\s*(?::|saying|that says|reading|with the text|-)\s*`;
const APPEND = new RegExp(
  String.raw`^(?:add|put|write|attach|append|include)\s+${NOTE}\s+(?:to|for|on)\s+(.+?)${SAYS}(.+)$`,
  "i",
);
const REPLACE: RegExp[] = [
  new RegExp(
    String.raw`^(?:set|change|update|replace|make)\s+${NOTE}\s+(?:of|for|on)\s+(.+?)\s+(?:to|as|with|:)\s+(.+)$`,
    "i",
  ),
  /^describe\s+(.+?)\s+as\s+(.+)$/i,
];

export function readDescription(text: string, r: Reading): Intent | undefined {
  const append = APPEND.exec(text);
  if (append)
    return {
      type: "set_description",
      target: targetOrPronoun(append[1] ?? "", r.quotes),
      description: restoreQuotes(append[2] ?? "", r.quotes).trim(),
      append: true,
    };
  for (const pattern of REPLACE) {
    const m = pattern.exec(text);
    if (m)
      return {
        type: "set_description",
        target: targetOrPronoun(m[1] ?? "", r.quotes),
        description: restoreQuotes(m[2] ?? "", r.quotes).trim(),
        append: false,
      };
  }
  return undefined;
}
