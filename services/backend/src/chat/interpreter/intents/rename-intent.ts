import { askTitle } from "./clarify.ts";
import type { Intent } from "../intent.ts";
import type { Reading } from "../reading.ts";
import { cleanTitle, targetOrPronoun } from "../words/targets.ts";

/**
 * Renaming: "Rename X to Y", "change the title of X to Y", "X should be called Y", and, once
 * priority and due date have had their turn, the bare "change X to Y". Unquoted titles split at
 * the first "to"; quotes settle the rest ("rename 'go to gym' to 'gym session'").
 */

type Rule = { pattern: RegExp; target: number; title: number };

const RULES: Rule[] = [
  {
    pattern: /^(?:rename|retitle|re-name|re-title)\s+(.+?)\s+(?:to|as|into|->|→)\s+(.+)$/i,
    target: 1,
    title: 2,
  },
  {
    pattern:
      /^(?:change|update|edit|set|modify|fix)\s+(?:the\s+)?(?:title|name|text|wording|description)\s+(?:of|for|on)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i,
    target: 1,
    title: 2,
  },
  {
    pattern:
      /^(?:change|update|edit|set|modify|fix)\s+(.+?)(?:'s|s')?\s+(?:title|name)\s+(?:to|as|into)\s+(.+)$/i,
    target: 1,
    title: 2,
  },
  { pattern: /^(?:change|edit|update|modify)\s+(.+?)\s+to\s+(?:say|read)\s+(.+)$/i, target: 1, title: 2 },
  {
    pattern: /^(.+?)\s+should\s+(?:be\s+)?(?:called|named|renamed(?:\s+to)?|titled|say|read)\s+(.+)$/i,
    target: 1,
    title: 2,
  },
  { pattern: /^(?:call|name)\s+(.+?)\s+(‹\d+›)(?:\s+instead)?$/i, target: 1, title: 2 },
];
const GENERIC = /^(?:change|update|edit|modify|turn)\s+(.+?)\s+(?:to|into)\s+(.+)$/i;
const RENAME_ALONE = /^(?:rename|retitle)\s+(.+)$/i;

function renameOf(target: string, title: string, r: Reading): Intent {
  const newTitle = cleanTitle(title.replace(/\s+instead$/i, ""), r.quotes);
  const intent = { type: "rename" as const, target: targetOrPronoun(target, r.quotes), title: newTitle };
  if (!newTitle) return askTitle(intent);
  // "rename trip to Paris to trip to Rome": every "to" in the words could be the one that splits them.
  const whole = `${target} to ${title}`;
  const cuts = [...whole.matchAll(/\s+to\s+/gi)];
  if (cuts.length < 2) return intent;
  const readings = cuts.flatMap((cut) => {
    const name = cleanTitle(whole.slice(cut.index! + cut[0].length).replace(/\s+instead$/i, ""), r.quotes);
    return name ? [{ target: targetOrPronoun(whole.slice(0, cut.index), r.quotes), title: name }] : [];
  });
  return { ...intent, readings };
}

export function readRename(text: string, r: Reading): Intent | undefined {
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (m) return renameOf(m[rule.target] ?? "", m[rule.title] ?? "", r);
  }
  const alone = RENAME_ALONE.exec(text);
  if (alone) {
    const draft = { type: "rename" as const, target: targetOrPronoun(alone[1] ?? "", r.quotes), title: "" };
    return askTitle(draft, `What should "${cleanTitle(alone[1] ?? "", r.quotes)}" be called?`);
  }
  return undefined;
}

/** "change X to Y" once it is neither a priority nor a date. */
export function readGenericRename(text: string, r: Reading): Intent | undefined {
  const m = GENERIC.exec(text);
  return m ? renameOf(m[1] ?? "", m[2] ?? "", r) : undefined;
}
