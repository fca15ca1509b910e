/** A call to the sidecar's Jobs API that failed: no answer, or an answer that is not a success. */
export class DaprJobsError extends Error {
  constructor(
    message: string,
    /** The sidecar's HTTP status; undefined when it did not answer. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "DaprJobsError";
  }
}

/** What the sidecar holds for one job, as far as this service reads it. */
export interface DaprJob {
  dueTime: string;
  data?: unknown;
}

/** The sidecar's Jobs API, as far as the recurring service uses it: one-shot jobs by job id. */
export interface DaprJobsClient {
  /** Registers (or overwrites) a one-shot job that calls back `POST /job/<name>` at `dueTime`. */
  schedule(jobId: string, dueTime: Date): Promise<void>;
  /** The job the sidecar holds under that id's name; undefined when it has none. */
  get(jobId: string): Promise<DaprJob | undefined>;
  /** Deletes the job; one that is already gone (fired, or never registered) is no failure. */
  remove(jobId: string): Promise<void>;
}

// A callback answered 500 (database down) or not answered (app restarting) is delivered again every
// 5 s until it is taken; Dapr's default gives up after 3 tries a second apart.
const FAILURE_POLICY = { constant: { interval: "5s" } };

/** The Dapr job name for a job id: URL-path safe and reversible (`reminder:<id>` → `reminder_3A<id>`). */
export const daprJobName = (jobId: string) =>
  encodeURIComponent(jobId)
    .replace(/[_!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%", "_");

/** The job id a Dapr job name stands for; undefined for a name this adapter never made. */
export function jobIdOfDaprName(name: string): string | undefined {
  try {
    return decodeURIComponent(name.replaceAll("_", "%"));
  } catch {
    return undefined;
  }
}

// daprd 1.18 answers a job it does not have with 500 and a NotFound error code, not with 404.
const isNotFound = (status: number, text: string) => status === 404 || text.includes("NotFound");

/**
 * The Jobs API of the sidecar at `daprHttpUrl`, each call bounded by `timeoutMs`. Every job is
 * registered with data (`{"job_id": ...}`: daprd never delivers a job without data) and a failure
 * policy that keeps delivering a callback the service could not take.
 * @example
 * const client = daprJobsClient({ daprHttpUrl: "http://127.0.0.1:3500", timeoutMs: 5_000 });
 * await client.schedule("reminder:42", new Date("2026-12-24T09:00:00Z"));
 */
export function daprJobsClient(options: { daprHttpUrl: string; timeoutMs: number }): DaprJobsClient {
  const base = `${options.daprHttpUrl.replace(/\/+$/, "")}/v1.0/jobs`;
  async function call(method: "GET" | "POST" | "DELETE", jobId: string, body?: object) {
    const response = await fetch(`${base}/${daprJobName(jobId)}`, {
      method,
      body: body && JSON.stringify(body),
      headers: body ? { "content-type": "application/json" } : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    }).catch((error: Error) => {
      throw new DaprJobsError(`sidecar at ${options.daprHttpUrl} did not answer: ${error.message}`);
    });
    return { status: response.status, text: await response.text() };
  }
  const failed = (what: string, status: number, text: string) =>
    new DaprJobsError(`dapr: ${what} failed with HTTP ${status}: ${text.slice(0, 300)}`, status);

  return {
    async schedule(jobId, dueTime) {
      const { status, text } = await call("POST", jobId, {
        dueTime: dueTime.toISOString(),
        data: { job_id: jobId },
        overwrite: true,
        failurePolicy: FAILURE_POLICY,
      });
      if (status >= 300) throw failed(`scheduling ${jobId}`, status, text);
    },
    async get(jobId) {
      const { status, text } = await call("GET", jobId);
      if (status < 300) return JSON.parse(text) as DaprJob;
      if (isNotFound(status, text)) return undefined;
      throw failed(`reading ${jobId}`, status, text);
    },
    async remove(jobId) {
      const { status, text } = await call("DELETE", jobId);
      if (status < 300 || isNotFound(status, text)) return;
      throw failed(`deleting ${jobId}`, status, text);
    },
  };
}
