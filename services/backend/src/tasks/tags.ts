import { checkDisplayText, Validation } from "@todo/service-kit";

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;

/** Tags are lowercase, trimmed and unique: "Work" and " work" are the same tag. */
export function normalizeTags(tags: string[], field = "tags"): string[] {
  const normalized = [
    ...new Set(tags.map((tag) => tag.trim().toLowerCase().replace(/^#/, "").replace(/\s+/g, " "))),
  ];
  for (const tag of normalized) {
    if (!tag) throw new Validation(field, "a tag must not be empty");
    if (tag.length > MAX_TAG_LENGTH)
      throw new Validation(field, `tag '${tag.slice(0, 20)}…' is longer than ${MAX_TAG_LENGTH} characters`);
    if (tag.includes(",")) throw new Validation(field, `tag '${tag}' must not contain a comma`);
    checkDisplayText(field, tag);
  }
  if (normalized.length > MAX_TAGS) throw new Validation(field, `a task can have at most ${MAX_TAGS} tags`);
  return normalized;
}

/** Applies a patch's tag edits: `tags` replaces the set, `tags_add` / `tags_remove` edit it. */
export function applyTagEdits(
  current: string[],
  patch: { tags?: string[]; tags_add?: string[]; tags_remove?: string[] },
): string[] {
  if (patch.tags !== undefined && (patch.tags_add !== undefined || patch.tags_remove !== undefined)) {
    throw new Validation("tags", "send either tags (replace) or tags_add / tags_remove (edit), not both");
  }
  if (patch.tags !== undefined) return normalizeTags(patch.tags);
  const removed = new Set(normalizeTags(patch.tags_remove ?? [], "tags_remove"));
  const added = normalizeTags(patch.tags_add ?? [], "tags_add");
  return normalizeTags([
    ...current.filter((tag) => !removed.has(tag)),
    ...added.filter((tag) => !removed.has(tag)),
  ]);
}
