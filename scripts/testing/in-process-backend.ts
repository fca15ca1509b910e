// The real backend, in this process, for tests of what stands in front of it (the site's proxy).
// Lives here, not in site/, because the site may import only the shared packages (schemas/, messaging/, service-kit/).
import type { SharedProcess } from "@todo/service-kit";
import { loadConfig } from "../../services/backend/src/config.ts";
import { startBackend } from "../../services/backend/src/main.ts";

export async function startInProcessBackend(env: Record<string, string>, shared: SharedProcess) {
  return startBackend(loadConfig({ PORT: "0", ...env }), shared);
}
