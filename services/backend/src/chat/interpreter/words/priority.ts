import type { Priority } from "../intent.ts";

/** Priority words, including the ones a set_priority value may be on its own ("set X to p1"). */
const VALUES: Record<string, Priority> = {
  high: "high",
  top: "high",
  highest: "high",
  hi: "high",
  urgent: "high",
  important: "high",
  critical: "high",
  asap: "high",
  p1: "high",
  "1": "high",
  medium: "medium",
  med: "medium",
  mid: "medium",
  middle: "medium",
  normal: "medium",
  regular: "medium",
  default: "medium",
  p2: "medium",
  "2": "medium",
  low: "low",
  lowest: "low",
  lo: "low",
  minor: "low",
  p3: "low",
  "3": "low",
  "not urgent": "low",
  "not important": "low",
  unimportant: "low",
};

/** A priority value as written after "to" / "as": "high", "p1", "urgent", "low priority", "a high priority". */
export const PRIORITY_VALUE = String.raw`(?:an?\s+)?(?:priority\s+)?(not urgent|not important|unimportant|highest|lowest|high|medium|normal|regular|default|critical|urgent|important|minor|middle|top|low|med|mid|hi|lo|p[123]|[123])(?:[\s-]*(?:priority|prio|pri))?(?:\s+(?:one|task|item))?`;

export function priorityOf(word: string): Priority | undefined {
  return VALUES[word.toLowerCase().replace(/\s+/g, " ").trim()];
}

// In a longer sentence only unmistakable forms count: "urgent" is a priority in "an urgent task"
// or "…, it's urgent", but stays a word (or a tag) in "call the urgent care" and "tags: travel, urgent".
const PATTERNS: RegExp[] = [
  /(?:\b(?:with|at|as)\s+)?(?:\ban?\s+)?\b(high|medium|low|normal|top|highest|lowest|med|mid|hi|lo)[\s-]*(?:priority|prio|pri)\b/i,
  /(?:\bwith\s+)?(?:\ba\s+)?\bpriority(?:\s+level)?\s*(?:is|of|=|:|to)?\s*(high|medium|low|normal|p[123]|[123])\b/i,
  /\b(p[123])\b/i,
  /\b(urgent|important|critical)\s+(?=(?:task|todo|to-do|item|thing|one|reminder)s?\b)/i,
  /(?:\s*[,(–—-]\s*|\s+(?:it'?s|it is|is|as|marked as)\s+|\s+very\s+)(?:very\s+|really\s+|super\s+)?(urgent|important|not urgent|not important|asap)\)?$/i,
  /(?:^|\s)!(high|medium|low|urgent|p[123])\b/i,
  /\b(asap)\b\s+(?=(?:task|todo|to-do|item)s?\b)/i,
];

const TAG_LIKE = /\b(urgent|important|critical|asap)\b/i;

/**
 * The word a priority was read from when it could as well be a tag the user has ("urgent"):
 * the executor, which knows the user's tags, reads it as that tag instead.
 */
export function tagLikeWord(before: string, after: string): string | undefined {
  const word = TAG_LIKE.exec(before)?.[1]?.toLowerCase();
  return word && !new RegExp(String.raw`\b${word}\b`, "i").test(after) ? word : undefined;
}

/** Finds the priority in a longer sentence and returns the sentence without it. */
export function extractPriority(text: string): { priority?: Priority; rest: string } {
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    const priority = m?.[1] ? priorityOf(m[1]) : undefined;
    if (m && priority) {
      const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`
        .replace(/\s+/g, " ")
        .trim();
      return { priority, rest };
    }
  }
  return { rest: text };
}
