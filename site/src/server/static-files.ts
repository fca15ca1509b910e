import { existsSync, statSync } from "node:fs";
import { join, normalize, sep } from "node:path";

// Safe defaults for every page: no framing, no MIME sniffing, no referrer to other sites.
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * Serves the built site: hashed assets cached for a year, pages always revalidated; `policy` is
 * the Content-Security-Policy computed from the build (content-security-policy.ts).
 */
export function serveStatic(dir: string, pathname: string, policy?: string): Response {
  const headers = policy ? { ...SECURITY_HEADERS, "content-security-policy": policy } : SECURITY_HEADERS;
  let path: string;
  try {
    path = normalize(join(dir, decodeURIComponent(pathname)));
  } catch {
    return notFound(dir, headers);
  }
  // No file name holds U+0000 (`/%00`); the file system would throw on it.
  if (path.includes("\0")) return notFound(dir, headers);
  if (path !== dir && !path.startsWith(dir + sep)) return notFound(dir, headers);
  // A file, or a page: /about → /about/index.html or /about.html (Astro's two output styles).
  const file = [path, join(path, "index.html"), `${path}.html`].find(isFile);
  if (!file) return notFound(dir, headers);
  const immutable = pathname.startsWith("/_astro/");
  return new Response(Bun.file(file), {
    headers: { ...headers, "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache" },
  });
}

function notFound(dir: string, headers: Record<string, string>): Response {
  const page = join(dir, "404.html");
  if (existsSync(page))
    return new Response(Bun.file(page), {
      status: 404,
      headers: { ...headers, "content-type": "text/html; charset=utf-8" },
    });
  // The content type is said outright: the API headers every answer gets (nosniff) made the bare
  // string go out as application/octet-stream, and Chromium downloaded the 404 instead of showing it.
  const html =
    '<!doctype html><html lang="en"><title>Not found · Chat todo</title><p>There is no page here. <a href="/">Back to your tasks</a></p></html>';
  return new Response(html, {
    status: 404,
    headers: { ...headers, "content-type": "text/html; charset=utf-8" },
  });
}
