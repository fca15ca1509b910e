import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

/** The budget for the JavaScript a first visit loads, gzipped (issue 6). */
export const INITIAL_JS_BUDGET_BYTES = 100 * 1024;

export interface InitialJs {
  /** Sum of each file's gzipped size, plus the page's inline scripts. */
  gzipBytes: number;
  files: { path: string; gzipBytes: number }[];
}

const gz = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;

// Static `import ... from "./x.js"` and `import "./x.js"` run before the page is usable; dynamic
// `import()` is skipped unless it is an island's own entry (Astro loads those at once for client:load).
const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;

/**
 * Measures what a browser loads to show `page` (dist-relative): the page's inline scripts, its
 * `<script src>` and modulepreloads, each island's component and renderer, and everything those
 * import statically.
 * @example const { gzipBytes } = measureInitialJs("site/dist"); // about 75 KB today
 */
export function measureInitialJs(dist: string, page = "index.html"): InitialJs {
  const html = readFileSync(join(dist, page), "utf8");
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? "")
    .join("\n");
  const entries = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ...html.matchAll(/\b(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  const queue = entries.filter((url) => url.startsWith("/"));
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const file = join(dist, url);
    if (!existsSync(file)) throw new Error(`${page} loads ${url}, which is not in ${dist}`);
    for (const m of readFileSync(file, "utf8").matchAll(STATIC_IMPORT))
      queue.push(new URL(m[1]!, `http://x${url}`).pathname);
  }
  const files = [...seen].map((url) => ({ path: url, gzipBytes: gz(readFileSync(join(dist, url))) }));
  if (inline) files.unshift({ path: `${page} (inline scripts)`, gzipBytes: gz(inline) });
  return { gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), files };
}
