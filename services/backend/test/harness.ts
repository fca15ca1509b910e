import { createMemoryTransport, Metrics } from "@todo/messaging";
import { chooseDriver, type DatabaseKind } from "@todo/messaging/db";
import { freshDatabase as freshTestDatabase, testDrivers } from "../../../scripts/testing/fresh-database.ts";
import { createApp } from "../src/app.ts";
import type { ChatAdapters } from "../src/chat/routes.ts";
import { createLogger } from "@todo/service-kit";
import { fixedClock } from "@todo/service-kit";
import { loadConfig } from "../src/config.ts";
import type { Deps } from "../src/deps.ts";
import { backendDeps, MIGRATIONS } from "../src/main.ts";

export const drivers = testDrivers;

/** A fresh, migrated backend database of the given kind. */
export const freshDatabase = (kind: DatabaseKind) => freshTestDatabase(kind, MIGRATIONS);

export const START = new Date("2026-11-28T10:00:00Z");

// The backend's configuration in these tests: signup and login limits high enough that only the
// tests about them (which pass their own) meet them; the notifier is not running.
const TEST_ENV = {
  AUTH_SECRET: crypto.randomUUID() + crypto.randomUUID(),
  NOTIFIER_URL: "http://127.0.0.1:9",
  TRUSTED_PROXIES: "127.0.0.1",
  AUTH_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "1000",
  SIGNUPS_PER_ADDRESS_PER_HOUR: "1000",
  SIGNUP_ATTEMPTS_PER_EMAIL_PER_HOUR: "1000",
  AUTH_ATTEMPTS_PER_MINUTE: "10000",
  ARGON2_QUEUE: "1000",
};

export interface TestBackend {
  deps: Deps;
  clock: ReturnType<typeof fixedClock>;
  /** Every line the backend logged, as written (JSON). */
  logs: string[];
  /** Calls the app in-process and returns status and parsed JSON body. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  signup(
    email?: string,
    timezone?: string,
  ): Promise<{ token: string; user: { id: string; timezone: string } }>;
  close(): Promise<void>;
}

/** `chat` builds the chat adapters (an LLM interpreter, a Dapr conversation store) from the test's deps; rules and the database otherwise. */
export async function startTestBackend(
  kind: DatabaseKind = "pglite",
  overrides: Partial<Deps["limits"]> & { argon2Concurrency?: number; argon2Queue?: number } = {},
  chat?: (deps: Deps) => ChatAdapters,
  options: Pick<Deps, "publicDocs"> = {},
): Promise<TestBackend> {
  const database = await freshDatabase(kind);
  const clock = fixedClock(START);
  const logs: string[] = [];
  const { argon2Concurrency, argon2Queue, ...limits } = overrides;
  const config = loadConfig({
    ...TEST_ENV,
    ...(argon2Concurrency === undefined ? {} : { ARGON2_CONCURRENCY: String(argon2Concurrency) }),
    ...(argon2Queue === undefined ? {} : { ARGON2_QUEUE: String(argon2Queue) }),
  });
  const built = backendDeps(config, {
    database,
    clock,
    transport: createMemoryTransport(),
    metrics: new Metrics(),
    logger: createLogger({ service: "backend", clock, write: (line) => logs.push(line) }),
  });
  const deps: Deps = { ...built, limits: { ...built.limits, ...limits }, ...options };
  const app = createApp(deps, undefined, chat?.(deps));
  const call: TestBackend["call"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["content-length"] ??= String(Buffer.byteLength(body)); // as every HTTP client sends it
    }
    const response = await app.handle(new Request(`http://localhost${path}`, { method, headers, body }));
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the assertion message
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  let n = 0;
  return {
    deps,
    clock,
    logs,
    call,
    async signup(email = `user${++n}-${crypto.randomUUID().slice(0, 8)}@example.com`, timezone = "UTC") {
      const res = await call("POST", "/api/auth/signup", {
        body: { email, password: "correct horse battery", timezone },
      });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    close: () => database.drop(),
  };
}

export { chooseDriver };
