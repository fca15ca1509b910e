import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The built pages carry a few inline blocks (Astro's island loader and its serialiser, and the
// island's display:contents style). Instead of 'unsafe-inline', the policy allows exactly those
// blocks by hash, read from the build when the server starts, so a script an attacker manages to
// inject into a page never runs. Everything else comes from this origin only.

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The hashes of every inline script and style block of the HTML pages under `dir`. */
export function inlineHashes(dir: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, "utf8");
    for (const m of html.matchAll(INLINE_SCRIPT)) scripts.add(sha256(m[1]!));
    for (const m of html.matchAll(INLINE_STYLE)) styles.add(sha256(m[1]!));
  }
  return { scripts: [...scripts].sort(), styles: [...styles].sort() };
}

/**
 * The Content-Security-Policy for the built site in `dir`.
 * @example
 * contentSecurityPolicy("site/dist") // "default-src 'self'; script-src 'self' 'sha256-…' …"
 */
export function contentSecurityPolicy(dir: string): string {
  const { scripts, styles } = inlineHashes(dir);
  return [
    "default-src 'self'",
    `script-src 'self' ${scripts.join(" ")}`.trim(),
    `style-src 'self' ${styles.join(" ")}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
