import { types, type PGlite, type Transaction } from "@electric-sql/pglite";

// The types drizzle wants as PostgreSQL's text (it parses them itself): its PGlite session sends
// exactly these parsers with every query.
const RAW_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231,
  1115,
  1185,
  1187,
  1182,
];

type Queryable = PGlite | Transaction;

/**
 * The client as drizzle should see it. PGlite merges per-query parsers into its whole parser map
 * (several hundred entries, one per array type) on every query: a busy consumer spent 15% of its
 * CPU copying that map. So the same raw-text parsers are installed once on the client, and the
 * per-query copy drizzle sends is dropped; every query still parses exactly as drizzle expects.
 */
export function withRawParsersInstalled(client: PGlite): PGlite {
  for (const oid of RAW_TYPES) client.parsers[oid] = (value: string) => value;
  return withoutPerQueryParsers(client);
}

function withoutPerQueryParsers<T extends Queryable>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === "query") {
        return (text: string, params?: unknown[], options?: { parsers?: unknown }) =>
          object.query(text, params, options && { ...options, parsers: undefined });
      }
      if (property === "transaction" && "transaction" in object) {
        return <R>(callback: (tx: Transaction) => Promise<R>) =>
          object.transaction((tx) => callback(withoutPerQueryParsers(tx)));
      }
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
