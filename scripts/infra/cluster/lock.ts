// A machine-wide lock held for as long as this process lives: a `flock` child holds the lock file
// and waits on its stdin, which closes when this process exits (normally or killed), releasing it.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

export class LockBusy extends Error {}

/** Takes the lock or throws LockBusy naming who to wait for; never blocks. */
export async function holdLock(file: string, what: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const holder = Bun.spawn(["flock", "-n", file, "sh", "-c", "echo locked; exec cat >/dev/null"], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "ignore",
  });
  const reader = (holder.stdout as ReadableStream<Uint8Array>).getReader();
  const first = await Promise.race([reader.read(), holder.exited.then(() => undefined)]);
  if (!first || first.done)
    throw new LockBusy(
      `${what}: ${file} is held by another process (one cluster per machine); wait for it to finish`,
    );
  reader.releaseLock();
  holder.unref();
}
