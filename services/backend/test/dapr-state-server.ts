/**
 * A stand-in for a Dapr sidecar's state API, for machines where daprd is not built: the
 * documented HTTP contract only (GET a key: 200 with an ETag header or 204 when absent; POST
 * `[{key, value, etag?, options: {concurrency}}]`: 204, or 409 on an ETag mismatch under
 * first-write, which, as state.postgresql v2 does, also refuses to overwrite an existing key
 * when no ETag is given). The real sidecar is tested in chat-conversations.dapr.test.ts.
 */
export function startDaprStateServer(storeName = "statestore") {
  const data = new Map<string, { value: unknown; etag: string }>();
  let version = 0;
  const prefix = `/v1.0/state/${storeName}`;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      if (request.method === "GET" && url.pathname.startsWith(`${prefix}/`)) {
        const entry = data.get(decodeURIComponent(url.pathname.slice(prefix.length + 1)));
        return entry
          ? Response.json(entry.value, { headers: { etag: entry.etag } })
          : new Response(null, { status: 204 });
      }
      if (request.method === "POST" && url.pathname === prefix) {
        const items = (await request.json()) as Array<{
          key: string;
          value: unknown;
          etag?: string;
          options?: { concurrency?: string };
        }>;
        for (const item of items) {
          const current = data.get(item.key);
          const firstWrite = item.options?.concurrency === "first-write";
          const mismatch =
            item.etag !== undefined ? current?.etag !== item.etag : firstWrite && current !== undefined;
          if (mismatch)
            return Response.json(
              {
                errorCode: "ERR_STATE_SAVE",
                message: `failed saving state: possible etag mismatch for ${item.key}`,
              },
              { status: 409 },
            );
          data.set(item.key, { value: item.value, etag: String(++version) });
        }
        return new Response(null, { status: 204 });
      }
      return new Response("not found", { status: 404 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
