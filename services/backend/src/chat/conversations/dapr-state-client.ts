/** A failed call to the sidecar's state API, or an answer first-write concurrency cannot use. */
export class StateStoreError extends Error {}

/** One value under one key of the state store, with the ETag it was read with. */
export interface StateEntry<T> {
  value: T;
  etag: string;
}

/** The sidecar's state API, as far as the conversation store uses it. */
export interface DaprStateClient {
  /** The value under `key` (strongly consistent) and its ETag; undefined when there is none. */
  read<T>(key: string): Promise<StateEntry<T> | undefined>;
  /**
   * Stores `value` under `key`. With `first-write` concurrency and an `etag`, only if nobody wrote
   * in between: false when the ETag no longer matches; true when written.
   */
  write(
    key: string,
    value: unknown,
    etag: string | undefined,
    concurrency?: "first-write" | "last-write",
  ): Promise<boolean>;
}

/**
 * The Dapr state API over plain HTTP: `GET /v1.0/state/<store>/<key>` (the value and its `ETag`
 * header) and `POST /v1.0/state/<store>` with `[{key, value, etag, options}]`.
 * @example
 * const state = daprStateClient({ sidecarUrl: "http://127.0.0.1:3500", storeName: "statestore" });
 * const entry = await state.read<{ id: string }>("conversation-latest-42");
 */
export function daprStateClient(options: {
  sidecarUrl: string;
  storeName: string;
  timeoutMs?: number;
}): DaprStateClient {
  const base = `${options.sidecarUrl.replace(/\/$/, "")}/v1.0/state/${encodeURIComponent(options.storeName)}`;
  const timeout = options.timeoutMs ?? 5_000;
  return {
    async read<T>(key: string): Promise<StateEntry<T> | undefined> {
      const response = await fetch(`${base}/${encodeURIComponent(key)}?consistency=strong`, {
        signal: AbortSignal.timeout(timeout),
      });
      if (response.status === 204 || response.status === 404) return undefined;
      if (!response.ok)
        throw new StateStoreError(
          `Dapr state store read failed: ${response.status} ${await response.text()}`,
        );
      const etag = response.headers.get("etag");
      if (!etag)
        throw new StateStoreError(
          "Dapr state store answered without an ETag; first-write concurrency needs one",
        );
      return { value: (await response.json()) as T, etag };
    },
    async write(key, value, etag, concurrency = "first-write") {
      const item = { key, value, ...(etag ? { etag } : {}), options: { concurrency, consistency: "strong" } };
      const response = await fetch(base, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([item]),
        signal: AbortSignal.timeout(timeout),
      });
      if (response.ok) return true;
      const text = await response.text();
      // Dapr answers an ETag mismatch with 409 (ERR_STATE_SAVE … etag mismatch).
      if (response.status === 409 || /etag/i.test(text)) return false;
      throw new StateStoreError(`Dapr state store write failed: ${response.status} ${text}`);
    },
  };
}
