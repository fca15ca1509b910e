// Reads a Server-Sent Events response frame by frame, for tests of `/events`.
export interface Frame {
  id?: string;
  event: string;
  data: string;
}

function parse(block: string): Frame | undefined {
  const frame: Frame = { event: "message", data: "" };
  let hasData = false;
  for (const line of block.split("\n")) {
    if (line.startsWith(":") || line === "") continue;
    const [field, ...rest] = line.split(":");
    const value = rest.join(":").replace(/^ /, "");
    if (field === "id") frame.id = value;
    if (field === "event") frame.event = value;
    if (field === "data") {
      frame.data += (hasData ? "\n" : "") + value;
      hasData = true;
    }
  }
  return hasData ? frame : undefined;
}

/** The frames of a stream, in order; `next()` waits for the next frame that carries data. */
export function sseReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const frames: Frame[] = [];
  return {
    async next(timeoutMs = 15_000): Promise<Frame> {
      const deadline = Date.now() + timeoutMs;
      while (frames.length === 0) {
        const blocks = buffer.split("\n\n");
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const frame = parse(block);
          if (frame) frames.push(frame);
        }
        if (frames.length > 0) break;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`no event within ${timeoutMs} ms; buffered: ${JSON.stringify(buffer)}`);
        const chunk = await Promise.race([reader.read(), Bun.sleep(left).then(() => undefined)]);
        if (!chunk) continue;
        if (chunk.done) throw new Error("the stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
      return frames.shift()!;
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
