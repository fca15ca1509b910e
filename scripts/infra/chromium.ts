// Debian's Chromium for the browser tests (playwright-core drives it; npm's browser download
// does not work on these machines). CLI: `bun scripts/infra/chromium.ts` installs it and prints the path.
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const log = (msg: string) => console.error(`[chromium] ${msg}`);
const found = () => CANDIDATES.find((path) => existsSync(path));

function sh(cmd: string[]): boolean {
  log(`$ ${cmd.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  return Bun.spawnSync(cmd, { env, stdout: "inherit", stderr: "inherit" }).exitCode === 0;
}

let installing: Promise<string> | undefined;

/**
 * The path of a Chromium binary: /usr/bin/chromium when present, else Debian's `chromium`
 * package is installed once (needs root and apt access).
 * @example const browser = await chromium.launch({ executablePath: await ensureChromium() });
 */
export function ensureChromium(): Promise<string> {
  const path = found();
  if (path) return Promise.resolve(path);
  installing ??= (async () => {
    if (process.getuid?.() !== 0)
      throw new Error(
        "Chromium not found at /usr/bin/chromium; install it with: sudo apt-get install chromium",
      );
    const started = performance.now();
    log("no /usr/bin/chromium; installing Debian's chromium package");
    const install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium", "fonts-liberation"];
    // Fresh images have empty package lists: update once, then install.
    const hasCandidate = /Candidate: (?!\(none\))/.test(
      Bun.spawnSync(["apt-cache", "policy", "chromium"]).stdout.toString(),
    );
    const ok = (hasCandidate && sh(install)) || (sh(["apt-get", "update"]) && sh(install));
    const installed = ok ? found() : undefined;
    if (!installed)
      throw new Error(
        "could not install chromium with apt-get (see output above); install it manually: apt-get install chromium",
      );
    log(`installed ${installed} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return installed;
  })();
  return installing;
}

if (import.meta.main) console.log(await ensureChromium());
