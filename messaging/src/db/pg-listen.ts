import pg from "pg";

/**
 * LISTEN on a connection of its own that comes back by itself: when the server restarts, the
 * connection is opened again (after 0.2 s, doubling to 5 s) and LISTEN repeated, and `onNotify`
 * is called once on reconnecting, since NOTIFYs sent while away are lost. Resolves when the first
 * LISTEN answered (rejects if it could not), so callers know to fall back to polling.
 */
export async function listenWithReconnect(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const quoted = `"${channel.replaceAll('"', '""')}"`;

  async function open(): Promise<void> {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => message.channel === channel && onNotify(message.payload ?? ""));
    next.on("error", () => lost(next));
    next.on("end", () => lost(next));
    try {
      await next.connect();
      await next.query(`listen ${quoted}`);
    } catch (error) {
      void next.end().catch(() => {});
      throw error;
    }
    client = next;
  }

  function reopen(delay: number) {
    retry = setTimeout(async () => {
      if (stopped) return;
      try {
        await open();
        onNotify(""); // a commit may have happened while the connection was away
      } catch {
        reopen(Math.min(delay * 2, 5000));
      }
    }, delay);
  }

  function lost(which: pg.Client) {
    if (stopped || client !== which) return;
    client = undefined;
    void which.end().catch(() => {});
    reopen(200);
  }

  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
