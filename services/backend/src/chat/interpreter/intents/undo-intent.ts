import type { Intent } from "../intent.ts";

/**
 * "undo", "undo that", "revert the last change", "take that back": reverses the last change the
 * chat made in this conversation. "undo call mom" (a task named) stays a reopen.
 */
const UNDO =
  /^(?:(?:oops|oh no|sorry|wait|no)[,!.]?\s+)?(?:undo|revert|reverse|roll\s*back|take\s+(?:that|it)\s+back|cancel\s+(?:that|the last (?:change|action)))(?:\s+(?:that|it|this|everything|the last (?:change|thing|action|step|one)|(?:my|your)? ?last (?:change|action|step)|what you (?:just\s+)?did))?(?:\s+(?:please|now))?$/i;

export function readUndo(text: string): Intent | undefined {
  return UNDO.test(text.trim()) ? { type: "undo" } : undefined;
}
