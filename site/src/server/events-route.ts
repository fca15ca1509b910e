import { Elysia } from "elysia";
import type { TaskUpdateEvent } from "@todo/schemas";
import type { Metrics } from "@todo/messaging";
import { Unauthorized, type SessionCheck, type TokenService } from "@todo/service-kit";
import type { EventHub, Replay } from "./event-hub.ts";
import { sessionToken } from "./session.ts";
import { checkDueIn } from "./session-watch.ts";

export interface EventsDeps {
  hub: EventHub;
  tokens: TokenService;
  sessions: SessionCheck;
  heartbeatSeconds: number;
  /** How often a session with open streams asks the backend whether it was signed out meanwhile. */
  sessionCheckSeconds: number;
  metrics: Metrics;
  /** Cuts for the open streams, so tests can close them all (`POST /test/events/disconnect`). */
  openStreams: Set<() => void>;
  /** The open streams by session id, so a logout ends that session's streams. */
  sessionStreams: StreamsBySession;
}

/** One session's open streams on this replica, and the one timer asking the backend whether it was signed out. */
export interface SessionStreams {
  cuts: Set<() => void>;
  /**
   * When the backend last vouched for the session (performance.now() ms): the check when a stream
   * opened or since, or a proxied request of it that the backend accepted (`vouchForSession`). A
   * check that could not reach the backend counts too, so it is asked again one interval later.
   */
  confirmedAt: number;
  timer?: ReturnType<typeof setTimeout>;
}
export type StreamsBySession = Map<string, SessionStreams>;

const encoder = new TextEncoder();
const frame = (event: TaskUpdateEvent) => `id: ${event.event_id}\ndata: ${JSON.stringify(event)}\n\n`;
// An event's frame, encoded once however many streams (a person's tabs, a replay) it goes to.
const encodedFrames = new WeakMap<TaskUpdateEvent, Uint8Array>();
const encodedFrame = (event: TaskUpdateEvent) => {
  let bytes = encodedFrames.get(event);
  if (!bytes) encodedFrames.set(event, (bytes = encoder.encode(frame(event))));
  return bytes;
};

// What a stream starts with: the reconnect delay, then what the browser missed, or `reset` when its
// last event is no longer kept (the page then reloads its lists from the API).
function opening(replay: Replay): string {
  const head = "retry: 2000\n: connected\n\n";
  if (replay.kind === "resume") return head + replay.events.map(frame).join("");
  if (replay.kind === "reset") return `${head}event: reset\ndata: {}\n\n`;
  return head;
}

/**
 * `GET /events`: the signed-in user's `task-updates` as Server-Sent Events (API.md). Auth by
 * `?token=` or the session cookie; resumes after `Last-Event-ID` (header, or `?last_event_id=` for
 * a page that reconnects by hand).
 */
export const eventsRoutes = (deps: EventsDeps) => {
  const opened = deps.metrics.counter(
    "site_sse_streams_opened_total",
    "event streams opened, by start: fresh, resume (Last-Event-ID found) or reset",
  );
  return new Elysia({ name: "events" }).get("/events", async ({ request, server }) => {
    const url = new URL(request.url);
    const token = url.searchParams.get("token") ?? sessionToken(request);
    const session = token ? await deps.tokens.verifySession(token) : null;
    if (!session) throw new Unauthorized("sign in first");
    // Signed out elsewhere (another replica, an API client) or its user is gone: only the backend
    // knows. When it cannot answer, the stream opens on the signature and expiry alone, and the
    // periodic check below ends it once the backend says so.
    if ((await deps.sessions.check(token!)) === "ended")
      throw new Unauthorized("the session was signed out; sign in again");
    const { userId, sessionId } = session;
    const lastEventId =
      request.headers.get("last-event-id") ?? url.searchParams.get("last_event_id") ?? undefined;
    // A stream is idle between events; Bun would close it after its idle timeout.
    server?.timeout(request, 0);
    let cleanup = () => {};
    // Whether the stream can still be written to and closed: the browser may have gone first.
    let open = true;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string | Uint8Array) => {
          if (!open) return;
          try {
            controller.enqueue(typeof text === "string" ? encoder.encode(text) : text);
          } catch {
            cleanup(); // the browser closed the stream between our checks
          }
        };
        const stream = deps.hub.open(
          userId,
          lastEventId,
          (event) => send(encodedFrame(event)),
          () => cut(),
        );
        send(opening(stream.replay));
        opened.inc({ start: stream.replay.kind });
        const heartbeat = setInterval(() => send(": ping\n\n"), deps.heartbeatSeconds * 1000);
        const cut = () => {
          const wasOpen = open;
          cleanup();
          if (wasOpen) controller.close();
        };
        const leaveSession = joinSession(deps, sessionId, token!, cut);
        cleanup = () => {
          open = false;
          clearInterval(heartbeat);
          stream.close();
          deps.openStreams.delete(cut);
          leaveSession();
        };
        deps.openStreams.add(cut);
        request.signal.addEventListener("abort", () => cleanup());
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        "x-accel-buffering": "no",
      },
    });
  });
};

// A session's first stream starts its check and its last one stops it: however many tabs a person
// keeps open, the backend is asked at most once per session and interval, and not at all while
// the person's own requests through the proxy keep vouching for it; "ended" cuts them all.
function joinSession(
  deps: Pick<EventsDeps, "sessions" | "sessionCheckSeconds" | "sessionStreams">,
  sessionId: string,
  token: string,
  cut: () => void,
): () => void {
  let entry = deps.sessionStreams.get(sessionId);
  if (!entry) {
    const intervalMs = deps.sessionCheckSeconds * 1000;
    const created: SessionStreams = { cuts: new Set(), confirmedAt: performance.now() };
    const current = () => deps.sessionStreams.get(sessionId) === created;
    const watch = async () => {
      const wait = checkDueIn(created.confirmedAt, performance.now(), intervalMs);
      if (wait === 0) {
        const askedAt = performance.now();
        const state = await deps.sessions.check(token);
        if (!current()) return; // its last stream closed meanwhile
        if (state === "ended") return void cutSessionStreams(deps.sessionStreams, sessionId);
        created.confirmedAt = Math.max(created.confirmedAt, askedAt);
      }
      created.timer = setTimeout(watch, wait || intervalMs);
    };
    created.timer = setTimeout(watch, intervalMs);
    entry = created;
    deps.sessionStreams.set(sessionId, entry);
  }
  const joined = entry;
  joined.cuts.add(cut);
  return () => {
    joined.cuts.delete(cut);
    if (joined.cuts.size > 0) return;
    clearTimeout(joined.timer);
    if (deps.sessionStreams.get(sessionId) === joined) deps.sessionStreams.delete(sessionId);
  };
}

/**
 * The backend accepted a request sent at `sentAt` (performance.now() ms) with this session's
 * token: it was live then, so its streams here need no check for one more interval.
 */
export function vouchForSession(sessionStreams: StreamsBySession, sessionId: string, sentAt: number): void {
  const entry = sessionStreams.get(sessionId);
  if (entry) entry.confirmedAt = Math.max(entry.confirmedAt, sentAt);
}

/** Closes the open streams of one session (at its logout); returns how many. */
export function cutSessionStreams(sessionStreams: StreamsBySession, sessionId: string): number {
  const cuts = [...(sessionStreams.get(sessionId)?.cuts ?? [])];
  for (const cut of cuts) cut();
  return cuts.length;
}

/** Closes every open stream (test hook: the browsers must reconnect and resume). */
export function cutAllStreams(openStreams: Set<() => void>): number {
  const cuts = [...openStreams];
  for (const cut of cuts) cut();
  return cuts.length;
}
