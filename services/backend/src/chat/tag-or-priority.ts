import type { ExecContext } from "./exec-context.ts";
import type { AddIntent, Filters } from "./interpreter/intent.ts";

/**
 * "urgent" is the high priority, except for a user who has a tag of that name: then it is that
 * tag ("show me urgent tasks" lists the ones tagged #urgent). Only the executor knows the tags.
 */
async function hasTag(ctx: ExecContext, tag: string): Promise<boolean> {
  const { items } = await ctx.tasks.search(ctx.user, {
    tags: [tag],
    sort: "created",
    order: "desc",
    limit: 1,
  });
  return items.length > 0;
}

export async function listTagOrPriority(
  ctx: ExecContext,
  filters: Filters,
  phrase: string,
): Promise<{ filters: Filters; phrase: string }> {
  const word = filters.priority_word;
  if (!word || !(await hasTag(ctx, word))) return { filters, phrase };
  const { priority: _priority, priority_word: _word, ...rest } = filters;
  const without = phrase.replace(/\bhigh-priority\s+/, "");
  const tagged = without.includes("tagged ")
    ? without.replace("tagged ", `tagged ${word} and `)
    : without.replace(/\btasks\b/, `tasks tagged ${word}`);
  return { filters: { ...rest, tags: [...(filters.tags ?? []), word] }, phrase: tagged };
}

export async function addTagOrPriority(ctx: ExecContext, intent: AddIntent): Promise<AddIntent> {
  const word = intent.priority_word;
  if (!word || !(await hasTag(ctx, word))) return intent;
  const { priority: _priority, priority_word: _word, ...rest } = intent;
  return { ...rest, tags: [...new Set([...(intent.tags ?? []), word])] };
}
