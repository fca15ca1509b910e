import type { TaskUpdateEvent } from "@todo/schemas";

export type Listener = (event: TaskUpdateEvent) => void;

export interface HubOptions {
  /** Recent events kept per user, for Last-Event-ID resume. */
  replayPerUser: number;
  /** Users whose recent events are kept; the least recently active are forgotten first. */
  maxUsers?: number;
  /** Open streams per user; opening one more closes that user's oldest. Default 5. */
  maxStreamsPerUser?: number;
}

/** What a (re)connecting stream gets: events it missed, or `reset` when its last one is gone. */
export type Replay = { kind: "fresh" } | { kind: "resume"; events: TaskUpdateEvent[] } | { kind: "reset" };

/**
 * Fans `task-updates` out to each user's open streams, and keeps a bounded ring of each user's
 * recent events so a browser that lost its connection can resume from its Last-Event-ID. Nothing
 * here is durable: the site has no database; the task list itself always comes from the backend.
 */
export function createEventHub(options: HubOptions) {
  const maxUsers = options.maxUsers ?? 10_000;
  const recent = new Map<string, TaskUpdateEvent[]>();
  const maxStreams = options.maxStreamsPerUser ?? 5;
  // Per user, each open stream's listener and how to close it, oldest first (Map keeps insertion order).
  const listeners = new Map<string, Map<Listener, () => void>>();

  function remember(event: TaskUpdateEvent) {
    const ring = recent.get(event.user_id) ?? [];
    if (ring.some((e) => e.event_id === event.event_id)) return false; // at-least-once delivery: a redelivery
    recent.delete(event.user_id); // re-inserted last: Map order is least recently active first
    ring.push(event);
    if (ring.length > options.replayPerUser) ring.splice(0, ring.length - options.replayPerUser);
    recent.set(event.user_id, ring);
    if (recent.size > maxUsers) recent.delete(recent.keys().next().value!);
    return true;
  }

  return {
    /** Records one event and sends it to its user's open streams (a redelivered one is dropped). */
    publish(event: TaskUpdateEvent): number {
      if (!remember(event)) return 0;
      const open = listeners.get(event.user_id);
      for (const listener of open?.keys() ?? []) listener(event);
      return open?.size ?? 0;
    },
    /**
     * Opens a stream for a user: what it missed since `lastEventId`, then every new event. Both
     * happen in one synchronous step, so no event falls between the replay and the listener. A user
     * already at the limit has their oldest stream closed (`evict`): a leaked or stolen session
     * cannot pile up connections, and a page that reconnects replaces its own older stream.
     */
    open(
      userId: string,
      lastEventId: string | undefined,
      listener: Listener,
      evict: () => void = () => {},
    ): { replay: Replay; close: () => void } {
      let replay: Replay = { kind: "fresh" };
      if (lastEventId) {
        const ring = recent.get(userId) ?? [];
        const at = ring.findIndex((e) => e.event_id === lastEventId);
        replay = at === -1 ? { kind: "reset" } : { kind: "resume", events: ring.slice(at + 1) };
      }
      const set = listeners.get(userId) ?? listeners.set(userId, new Map()).get(userId)!;
      while (set.size >= maxStreams) {
        const [oldest, evictOldest] = set.entries().next().value!;
        set.delete(oldest);
        evictOldest();
      }
      set.set(listener, evict);
      return {
        replay,
        close() {
          set.delete(listener);
          if (set.size === 0 && listeners.get(userId) === set) listeners.delete(userId);
        },
      };
    },
    connections(): number {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
