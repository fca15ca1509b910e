// One browser's `GET /events` stream, read the cheap way: the load generator holds thousands of
// them on the same 2 cores as the services, so it only scans for `data:` lines and pulls out the
// task id and change type of each event.

export interface SseEvent {
  taskId: string;
  changeType: string;
  at: number;
}

export interface SseStream {
  /** false once the stream ended or failed */
  open(): boolean;
  /** when the stream answered (ms since the bench started), or undefined while connecting */
  connectedAt?: number;
  error?: string;
  close(): void;
}

/** Opens the stream; `onEvent` runs for each task-update. Resolves once the response headers are in. */
export async function openEventStream(
  url: string,
  cookie: string,
  onEvent: (event: SseEvent) => void,
): Promise<SseStream> {
  const abort = new AbortController();
  let open = false;
  const stream: SseStream = { open: () => open, close: () => abort.abort() };
  let response: Response;
  try {
    response = await fetch(`${url}/events`, {
      headers: { cookie, accept: "text/event-stream" },
      signal: abort.signal,
    });
  } catch (error) {
    stream.error = (error as Error).message;
    return stream;
  }
  if (!response.ok || !response.body) {
    stream.error = `HTTP ${response.status}`;
    return stream;
  }
  open = true;
  stream.connectedAt = performance.now();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      const reader = response.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split("\n").find((line) => line.startsWith("data: "));
          if (!data) continue;
          const event = JSON.parse(data.slice(6)) as { task_id?: string; change_type?: string };
          if (event.task_id)
            onEvent({ taskId: event.task_id, changeType: event.change_type ?? "", at: performance.now() });
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) stream.error = (error as Error).message;
    } finally {
      open = false;
    }
  })();
  return stream;
}
