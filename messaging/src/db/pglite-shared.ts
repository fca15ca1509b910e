import type { PGlite, PGliteInterface } from "@electric-sql/pglite";
import { createLogger, type Logger } from "../support/logger.ts";
import { createPglite } from "./pglite-client.ts";

/**
 * One PGlite for every service of a process (the embedded default), each service in its own
 * schema. A PGlite instance costs 180–330 MB resident, so three of them were most of `npm
 * start`'s memory. Each service still sees only its own tables: its session's search_path is its
 * schema (then public, where extensions live), set before each of its statements.
 * @example
 * const shared = await openSharedPglite(".data/db");
 * const backend = await openDatabase({ driver: "pglite", sharedPglite: shared, schema: "backend", migrationsFolder });
 */
export interface SharedPglite {
  client: PGlite;
  /** The client as one service sees it: every query, exec and transaction runs in `schema`. */
  scopedTo(schema: string): PGlite;
  close(): Promise<void>;
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Opens the process's one embedded database; `dataDir` undefined keeps it in memory. A fresh
 * directory starts from `template` (an empty cluster, pglite-template.ts) when given.
 */
export async function openSharedPglite(
  dataDir: string | undefined,
  template?: string,
  logger: Logger = createLogger({ service: "database" }),
): Promise<SharedPglite> {
  const client = await createPglite(dataDir, template, logger);
  // PGlite has one session and runs one statement at a time anyway; this queue makes "switch
  // the search_path, then run" one step, so no other service's statement comes in between.
  let current = "";
  let queue: Promise<unknown> = Promise.resolve();
  const inSchema = <T>(schema: string, run: () => Promise<T>): Promise<T> => {
    const result = queue.then(async () => {
      if (current !== schema) {
        await client.exec(
          `create schema if not exists ${quoteIdentifier(schema)}; set search_path to ${quoteIdentifier(schema)}, public`,
        );
        current = schema;
      }
      return run();
    });
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    client,
    scopedTo: (schema) =>
      new Proxy(client, {
        get(target, property) {
          // A transaction holds the queue to its end: its statements run on its own handle.
          if (property === "query")
            return (...args: Parameters<PGliteInterface["query"]>) =>
              inSchema(schema, () => target.query(...args));
          if (property === "exec")
            return (...args: Parameters<PGliteInterface["exec"]>) =>
              inSchema(schema, () => target.exec(...args));
          if (property === "transaction")
            return (...args: Parameters<PGliteInterface["transaction"]>) =>
              inSchema(schema, () => target.transaction(...args));
          const value = Reflect.get(target, property, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
    close: async () => {
      await queue;
      await client.close();
    },
  };
}
