import type { PGlite, PGliteInterface } from "@electric-sql/pglite";
import { isBackground, requestSeen } from "../support/background.ts";
import { createLogger, type Logger } from "../support/logger.ts";
import { createPglite } from "./pglite-client.ts";
import { isSharedRead, sharedReadKey, WaitingReads } from "./shared-reads.ts";

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
  const queue = new PriorityQueue();
  const inSchema = <T>(schema: string, run: () => Promise<T>): Promise<T> =>
    queue.add(isBackground(), async () => {
      if (current !== schema) {
        await client.exec(
          `create schema if not exists ${quoteIdentifier(schema)}; set search_path to ${quoteIdentifier(schema)}, public`,
        );
        current = schema;
      }
      return run();
    });
  // A shared read's SELECT joins an identical one that has not started (shared-reads.ts).
  const reads = new WaitingReads();
  const query = (schema: string, args: Parameters<PGliteInterface["query"]>) => {
    const key = isSharedRead() ? sharedReadKey(schema, args) : undefined;
    if (key === undefined) return inSchema(schema, () => client.query(...args));
    return reads.run(key, (started) =>
      inSchema(schema, () => {
        started();
        return client.query(...args);
      }),
    );
  };
  return {
    client,
    scopedTo: (schema) =>
      new Proxy(client, {
        get(target, property) {
          // A transaction holds the queue to its end: its statements run on its own handle.
          if (property === "query")
            return (...args: Parameters<PGliteInterface["query"]>) => query(schema, args);
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
      await queue.idle();
      await client.close();
    },
  };
}

/**
 * Runs one step at a time: the next is the oldest waiting request's, and a background step only
 * when no request waits. A read that arrives while consumers drain a backlog waits for the step
 * under way, not for every batch queued before it.
 *
 * Between two background steps the event loop gets a turn (`nextTurn`, setImmediate): PGlite
 * answers without leaving the microtask queue, so without it the relay and every consumer's
 * partition loops each ran a batch in the same turn, and a request that had come in was not even
 * read from its socket until all of them were done (18-50x the at-rest p95 during a backlog).
 */
export class PriorityQueue {
  private readonly requests: (() => Promise<void>)[] = [];
  private readonly background: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;
  /** A background step ended and the event loop has not had its turn since. */
  private waitingForTurn = false;

  constructor(private readonly nextTurn: (then: () => void) => void = setImmediate) {}

  add<T>(isBackground: boolean, step: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      (isBackground ? this.background : this.requests).push(() => step().then(resolve, reject));
      if (!isBackground) requestSeen();
      this.next();
    });
  }

  /** Resolves once no step runs or waits. */
  async idle(): Promise<void> {
    while (this.running || this.waitingForTurn)
      await (this.running ?? new Promise<void>((resolve) => this.nextTurn(resolve)));
  }

  private next(): void {
    if (this.running) return;
    const request = this.requests.shift();
    const step = request ?? (this.waitingForTurn ? undefined : this.background.shift());
    if (!step) return;
    this.running = step().finally(() => {
      this.running = undefined;
      if (!request) this.giveTheEventLoopATurn();
      this.next();
    });
  }

  private giveTheEventLoopATurn(): void {
    this.waitingForTurn = true;
    this.nextTurn(() => {
      this.waitingForTurn = false;
      this.next();
    });
  }
}
