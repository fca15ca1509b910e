import type { Intent } from "../intent.ts";
import type { Reading } from "../reading.ts";
import { readTagList } from "../words/tags.ts";
import { targetOrPronoun } from "../words/targets.ts";

/**
 * Editing the tags of a task: "Add the tag 'expense' to 'buy flight tickets'", "tag X with expense"
 * (add_tags); "Remove the 'urgent' tag from X", "untag urgent from X" (remove_tags); "set the tags
 * of X to a, b", "replace X's tags with a and b", "remove all tags from X" (set_tags).
 */

type TagEdit = "add_tags" | "remove_tags" | "set_tags";
// Each pattern names where the tag list and the task are among its groups.
type Rule = { type: TagEdit; pattern: RegExp; list: number; target: number };

const TAG = String.raw`(?:tags?|labels?)`;
const ADD = String.raw`(?:add|put|attach|apply|stick|assign|append|include)`;
const REMOVE = String.raw`(?:remove|delete|drop|take off|take away|take|strip|detach|clear|unassign|get rid of)`;
const SET = String.raw`(?:set|change|replace|update|make|switch)`;
const TO = String.raw`(?:to|on|onto)`;
const FROM = String.raw`(?:from|off of|off|on)`;
const ARTICLE = String.raw`(?:the\s+|a\s+|an\s+)?`;
const HASHES = String.raw`(#\S+(?:(?:\s*,\s*|\s+and\s+|\s+)#\S+)*)`;

const RULES: Rule[] = [
  {
    type: "add_tags",
    pattern: new RegExp(String.raw`^${ADD}\s+${ARTICLE}(?:new\s+)?${TAG}\s*:?\s+(.+?)\s+${TO}\s+(.+)$`, "i"),
    list: 1,
    target: 2,
  },
  {
    type: "add_tags",
    pattern: new RegExp(String.raw`^${ADD}\s+${ARTICLE}(.+?)\s+${TAG}\s+${TO}\s+(.+)$`, "i"),
    list: 1,
    target: 2,
  },
  {
    type: "add_tags",
    pattern: new RegExp(String.raw`^${ADD}\s+${HASHES}\s+${TO}\s+(.+)$`, "i"),
    list: 1,
    target: 2,
  },
  {
    type: "add_tags",
    pattern: new RegExp(
      String.raw`^(?:tag|label)\s+(.+?)\s+(?:with|as|using)\s+${ARTICLE}(?:${TAG}\s+)?(.+?)(?:\s+${TAG})?$`,
      "i",
    ),
    list: 2,
    target: 1,
  },
  {
    type: "add_tags",
    pattern: new RegExp(String.raw`^(?:tag|label)\s+(.+?)\s+${HASHES}$`, "i"),
    list: 2,
    target: 1,
  },
  {
    type: "add_tags",
    pattern: new RegExp(String.raw`^give\s+(.+?)\s+${ARTICLE}(?:${TAG}\s+(.+)|(.+?)\s+${TAG})$`, "i"),
    list: 2,
    target: 1,
  },
  {
    type: "set_tags",
    pattern: new RegExp(
      String.raw`^${REMOVE}\s+(?:all\s+)?(?:of\s+)?(?:the\s+|its\s+)?tags\s+${FROM}\s+(.+)$()`,
      "i",
    ),
    list: 2,
    target: 1,
  },
  {
    type: "remove_tags",
    pattern: new RegExp(String.raw`^${REMOVE}\s+(.+?)\s+${FROM}\s+(.+?)(?:'s|s')\s+${TAG}$`, "i"),
    list: 1,
    target: 2,
  },
  {
    type: "set_tags",
    pattern: /^(?:clear|remove|delete|drop)\s+(.+?)(?:'s)?\s+tags$()/i,
    list: 2,
    target: 1,
  },
  {
    type: "remove_tags",
    pattern: new RegExp(String.raw`^${REMOVE}\s+${ARTICLE}${TAG}\s*:?\s+(.+?)\s+${FROM}\s+(.+)$`, "i"),
    list: 1,
    target: 2,
  },
  {
    type: "remove_tags",
    pattern: new RegExp(String.raw`^${REMOVE}\s+${ARTICLE}(.+?)\s+${TAG}\s+${FROM}\s+(.+)$`, "i"),
    list: 1,
    target: 2,
  },
  {
    type: "remove_tags",
    pattern: new RegExp(String.raw`^${REMOVE}\s+${HASHES}\s+${FROM}\s+(.+)$`, "i"),
    list: 1,
    target: 2,
  },
  {
    type: "remove_tags",
    pattern: /^(?:untag|unlabel)\s+(.+?)\s+(?:from|off|on)\s+(.+)$/i,
    list: 1,
    target: 2,
  },
  { type: "remove_tags", pattern: /^(?:untag|unlabel)\s+(.+?)\s+(?:as|with)\s+(.+)$/i, list: 2, target: 1 },
  {
    type: "remove_tags",
    pattern:
      /^(.+?)\s+(?:shouldn'?t|should not|isn'?t|is not)\s+(?:be\s+)?tagged\s+(?:as\s+|with\s+)?(.+?)(?:\s+any\s?more)?$/i,
    list: 2,
    target: 1,
  },
  {
    type: "set_tags",
    pattern: new RegExp(
      String.raw`^${SET}\s+(?:the\s+)?${TAG}\s+(?:of|on|for)\s+(.+?)\s+(?:to|with|as|=|:)\s+(.+)$`,
      "i",
    ),
    list: 2,
    target: 1,
  },
  {
    type: "set_tags",
    pattern: new RegExp(
      String.raw`^${SET}\s+(?:the\s+)?${TAG}\s+(?:to|with|as)\s+(.+?)\s+(?:for|on|of)\s+(.+)$`,
      "i",
    ),
    list: 1,
    target: 2,
  },
  {
    type: "set_tags",
    pattern: new RegExp(String.raw`^${SET}\s+(.+?)(?:'s|s')?\s+${TAG}\s+(?:to|with|as|=|:)\s+(.+)$`, "i"),
    list: 2,
    target: 1,
  },
  {
    type: "set_tags",
    pattern: /^(?:retag|re-tag|relabel)\s+(.+?)\s+(?:as|with|to)\s+(.+)$/i,
    list: 2,
    target: 1,
  },
  {
    type: "set_tags",
    pattern: /^(.+?)\s+should\s+(?:only\s+)?be\s+tagged\s+(?:only\s+)?(?:as\s+|with\s+)?(.+?)(?:\s+only)?$/i,
    list: 2,
    target: 1,
  },
];

// The list must be all tags ("'expense'", "work and home", "#a #b"); anything else is not a tag edit.
function tagsOf(text: string, quotes: string[]): string[] | undefined {
  const list = text
    .trim()
    .replace(/^(?:the\s+)?(?:tags?|labels?)\s*:?\s*/i, "")
    .replace(/\s+#/g, ", #");
  const { tags, length } = readTagList(list, quotes);
  return tags.length > 0 && list.slice(length).trim() === "" ? tags : undefined;
}

export function readTagEdit(text: string, r: Reading): Intent | undefined {
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const listText = m[rule.list] ?? m[rule.list + 1] ?? "";
    const targetText = m[rule.target] ?? "";
    const tags = rule.type === "set_tags" && listText === "" ? [] : tagsOf(listText, r.quotes);
    if (tags) return { type: rule.type, target: targetOrPronoun(targetText, r.quotes), tags };
  }
  return undefined;
}
