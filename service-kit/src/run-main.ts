import { ConfigError } from "./load-config.ts";
import { createLogger } from "@todo/messaging";

/**
 * Runs a service as its own process: starts it, says where it listens, and stops it cleanly on
 * SIGINT or SIGTERM (a Kubernetes pod's shutdown). A configuration error ends it with the message.
 * @example
 * if (import.meta.main) await runMain("notifier", () => startNotifier(loadConfig(process.env)));
 */
export async function runMain(
  name: string,
  start: () => Promise<{ url: string; stop(): Promise<void> }>,
): Promise<void> {
  const log = createLogger({ service: name });
  let service: { url: string; stop(): Promise<void> };
  try {
    service = await start();
  } catch (error) {
    if (error instanceof ConfigError) log.error(`configuration refused: ${error.message}`);
    else log.error("could not start", { error });
    process.exit(1);
  }
  // A plain line, not JSON: scripts and benches wait for "<name> listening on <url>" on stdout.
  console.log(`${name} listening on ${service.url}`);
  const shutdown = async () => {
    await service.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
