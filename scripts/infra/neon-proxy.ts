// A local stand-in for Neon's WebSocket proxy, so @neondatabase/serverless can reach a plain Postgres.
// It speaks the protocol of github.com/neondatabase/wsproxy: a WebSocket on /v1?address=host:port whose
// binary messages are the raw Postgres wire protocol. That Go module is not served by the module proxy
// reachable here, so this is an in-process Bun equivalent (no build step, nothing left running).
import type { NeonConfig } from "@neondatabase/serverless";
import { connect, type Socket } from "node:net";
import ws from "ws";

export interface NeonProxy {
  port: number;
  stop(): Promise<void>;
}

/** The neonConfig settings that route the driver through the proxy: `Object.assign(neonConfig, neonProxyConfig(port))`. */
export function neonProxyConfig(proxyPort: number) {
  return {
    webSocketConstructor: ws,
    wsProxy: (host: string, port: number | string) => `127.0.0.1:${proxyPort}/v1?address=${host}:${port}`,
    // Plain ws:// to the proxy and no TLS to Postgres; pipelining assumes Neon's cleartext-password flow.
    useSecureWebSocket: false,
    pipelineTLS: false,
    pipelineConnect: false,
  } satisfies Partial<NeonConfig>;
}

export async function startNeonProxy(
  pg: { port: number },
  opts: { logTraffic?: boolean } = {},
): Promise<NeonProxy> {
  // Like wsproxy's ALLOW_ADDR_REGEX: only the test database, never an arbitrary address.
  const allowed = new Set([`127.0.0.1:${pg.port}`, `localhost:${pg.port}`]);
  const sockets = new Set<Socket>();

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req, server) {
      const url = new URL(req.url);
      if (url.pathname !== "/v1") return new Response("not found", { status: 404 });
      const address = url.searchParams.get("address") ?? "";
      if (!allowed.has(address)) return new Response(`proxying to ${address} not allowed`, { status: 400 });
      if (server.upgrade(req, { data: { address, tcp: undefined as Socket | undefined } })) return;
      return new Response("expected a WebSocket upgrade", { status: 426 });
    },
    websocket: {
      data: {} as { address: string; tcp: Socket | undefined },
      open(client) {
        const sep = client.data.address.lastIndexOf(":");
        const tcp = connect(Number(client.data.address.slice(sep + 1)), client.data.address.slice(0, sep));
        client.data.tcp = tcp;
        sockets.add(tcp);
        tcp.on("data", (chunk) => {
          if (opts.logTraffic) console.error(`[neon-proxy] pg->client ${chunk.length} bytes`);
          // -1 means Bun queued it under backpressure: stop reading Postgres until the client drains.
          if (client.send(chunk) === -1) tcp.pause();
        });
        tcp.on("error", (err) => console.error(`[neon-proxy] ${client.data.address}: ${err.message}`));
        tcp.on("close", () => {
          sockets.delete(tcp);
          client.close(1000, "TCP connection is closed");
        });
      },
      message(client, message) {
        if (opts.logTraffic) console.error(`[neon-proxy] client->pg ${message.length} bytes`);
        client.data.tcp?.write(message); // net.Socket buffers until connected
      },
      drain(client) {
        client.data.tcp?.resume();
      },
      close(client) {
        client.data.tcp?.destroy();
      },
    },
  });

  return {
    port: server.port!,
    async stop() {
      for (const tcp of sockets) tcp.destroy();
      await server.stop(true);
    },
  };
}
