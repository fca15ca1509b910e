import { Pool, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { migrate } from "drizzle-orm/neon-serverless/migrator";
import { sql } from "drizzle-orm";
import ws from "ws";
import type { Logger } from "../support/logger.ts";
import type { Database, Db } from "./database.ts";

export interface NeonOptions {
  /** `host:port/path` of a WebSocket proxy to use instead of Neon's own endpoint (local tests). */
  wsProxy?: string;
  poolSize: number;
  logger: Logger;
}

/** Neon's serverless driver: the Postgres protocol over WebSockets, for Neon in the cloud. */
export async function openNeon(url: string, migrationsFolder: string, opts: NeonOptions): Promise<Database> {
  neonConfig.webSocketConstructor = ws;
  if (opts.wsProxy) {
    const proxy = opts.wsProxy;
    // A local proxy speaks plain ws:// and cannot pipeline TLS; Neon's own endpoint does both.
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: url, max: opts.poolSize });
  // An idle connection the server closes (restart, scale-to-zero) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error: Error) => opts.logger.warn("neon: idle connection closed", { error }));
  const orm = drizzle({ client: pool });
  await migrate(orm, { migrationsFolder });
  const db = orm as unknown as Db;
  return {
    kind: "neon",
    db,
    listen: async (channel, onNotify) => {
      const client = await pool.connect();
      client.on("notification", (n) => n.channel === channel && onNotify(n.payload ?? ""));
      await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
      return async () => {
        await client.query(`UNLISTEN "${channel.replaceAll('"', '""')}"`);
        client.release();
      };
    },
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => pool.end(),
  };
}
