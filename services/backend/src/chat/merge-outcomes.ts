import type { TurnOutcome } from "./chat-types.ts";

/** Several outcomes as one turn: replies on their own lines, every action and undo step kept. */
export function mergeOutcomes(
  outcomes: TurnOutcome[],
  lastTaskId: string | null | undefined = outcomes.findLast((o) => o.lastTaskId !== undefined)?.lastTaskId,
): TurnOutcome {
  if (outcomes.length === 1) return outcomes[0]!;
  const tasks = outcomes.flatMap((o) => o.tasks ?? []);
  return {
    reply: outcomes.map((o) => o.reply).join("\n"),
    actions: outcomes.flatMap((o) => o.actions),
    ...(outcomes.some((o) => o.tasks) ? { tasks } : {}),
    lastTaskId,
    pending: outcomes.at(-1)?.pending,
    undo: outcomes.flatMap((o) => o.undo ?? []),
    undid: outcomes.find((o) => o.undid)?.undid,
  };
}
