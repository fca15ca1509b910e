// What a user does here (signed up by bench/lib/sign-up.ts): create tasks with a reminder, through the public API.

export interface Created {
  /** wall time from the first request to the last response */
  seconds: number;
  failures: string[];
}

/**
 * Creates one task per reminder time (`POST /api/tasks` with `reminder_time`), `concurrency`
 * requests in flight at a time, and reports failures rather than throwing: a benchmark says what
 * happened.
 */
export async function createReminders(
  backendUrl: string,
  token: string,
  times: Date[],
  concurrency: number,
  label: string,
): Promise<Created> {
  const started = performance.now();
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < times.length) {
      const i = next++;
      const res = await fetch(`${backendUrl}/api/tasks`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: `${label} ${i}`, reminder_time: times[i]!.toISOString() }),
      }).catch((error: Error) => error);
      if (res instanceof Error) failures.push(res.message);
      else if (res.status !== 201) failures.push(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
      else await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, times.length) }, worker));
  return { seconds: (performance.now() - started) / 1000, failures };
}
