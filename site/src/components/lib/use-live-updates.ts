import { useEffect, useRef, useState } from "react";
import type { TaskUpdate } from "./types.ts";

export type LiveStatus = "connecting" | "live" | "reconnecting";

/**
 * Subscribes to `/events`. The browser reconnects by itself and sends Last-Event-ID; when it gives
 * up (an HTTP error), this reconnects with backoff and passes the last id as `?last_event_id=`.
 * `onReset` runs when the server no longer holds what was missed: reload everything.
 */
export function useLiveUpdates(onEvent: (event: TaskUpdate) => void, onReset: () => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handlers = useRef({ onEvent, onReset });
  handlers.current = { onEvent, onReset };

  useEffect(() => {
    let source: EventSource | undefined;
    let lastId: string | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let stopped = false;

    const connect = () => {
      source = new EventSource(lastId ? `/events?last_event_id=${encodeURIComponent(lastId)}` : "/events");
      source.onopen = () => {
        backoff = 1000;
        setStatus("live");
      };
      source.onmessage = (message) => {
        if (message.lastEventId) lastId = message.lastEventId;
        handlers.current.onEvent(JSON.parse(message.data) as TaskUpdate);
      };
      source.addEventListener("reset", () => handlers.current.onReset());
      source.onerror = () => {
        if (stopped) return;
        setStatus("reconnecting");
        if (source?.readyState !== EventSource.CLOSED) return; // the browser retries by itself
        retry = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 30_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, []);

  return status;
}
