/**
 * A small OpenAI-compatible server for tests: `POST /v1/chat/completions` answers with the next
 * scripted reply. This is the one stand-in in the backend's tests, and it exists because a hosted
 * LLM cannot be reached from this machine (no network, no key); everything else in the chat
 * path (the `openai` client over real HTTP, validation, the task service, PGlite) is real.
 */

export type ScriptedToolCall = { name: string; arguments: string | Record<string, unknown> };

export type ScriptedReply =
  | { tool_calls: ScriptedToolCall[] }
  | { content: string }
  | { status: number; error?: string }
  /** Never answers: the client's time-out has to end the request. */
  | { hang: true };

export interface ScriptedLlm {
  baseURL: string;
  /** Queues the replies to the next requests, in order. */
  script(...replies: ScriptedReply[]): void;
  /** The request bodies received so far. */
  requests: Array<{
    model: string;
    messages: Array<{ role: string; content: string }>;
    tools: Array<{ function: { name: string } }>;
    [key: string]: unknown;
  }>;
  stop(): Promise<void>;
}

function completion(message: Record<string, unknown>, finish: string) {
  return {
    id: `chatcmpl-${crypto.randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: "scripted",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: null, ...message },
        finish_reason: finish,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

export function startScriptedLlm(): ScriptedLlm {
  const queue: ScriptedReply[] = [];
  const requests: ScriptedLlm["requests"] = [];
  const hanging = new Set<() => void>();
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      if (request.method !== "POST" || url.pathname !== "/v1/chat/completions")
        return new Response("not found", { status: 404 });
      requests.push(await request.json());
      const reply = queue.shift();
      if (!reply)
        return Response.json(
          { error: { message: "no scripted reply left", type: "server_error" } },
          { status: 500 },
        );
      if ("hang" in reply) {
        // Held open until the client gives up (its abort ends the request) or the server stops.
        return new Promise<Response>((resolve) => {
          const release = () => resolve(new Response("stopped", { status: 503 }));
          hanging.add(release);
          request.signal.addEventListener("abort", () => {
            hanging.delete(release);
            release();
          });
        });
      }
      if ("status" in reply)
        return Response.json(
          { error: { message: reply.error ?? "scripted failure", type: "server_error" } },
          { status: reply.status },
        );
      if ("content" in reply) return Response.json(completion({ content: reply.content }, "stop"));
      const tool_calls = reply.tool_calls.map((call, i) => ({
        id: `call_${i}`,
        type: "function",
        function: {
          name: call.name,
          arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
        },
      }));
      return Response.json(completion({ tool_calls }, "tool_calls"));
    },
  });
  return {
    baseURL: `http://127.0.0.1:${server.port}/v1`,
    script: (...replies) => queue.push(...replies),
    requests,
    async stop() {
      hanging.forEach((release) => release());
      await server.stop(true);
    },
  };
}
