import type { ChatEntry } from "./chat-history.ts";

/**
 * The text a chat bubble shows. A reply that lists tasks writes them as "- title (…)" lines too; the
 * cards under it replace those lines.
 * @example shownText({ id: "1", from: "assistant", text: "Here:\n- milk", tasks: [milk] }) // "Here:"
 */
export function shownText(entry: ChatEntry): string {
  return entry.tasks?.length ? withoutListedLines(entry.text) : entry.text;
}

const withoutListedLines = (reply: string) =>
  reply
    .split("\n")
    .filter((line) => !line.startsWith("- "))
    .join("\n");
