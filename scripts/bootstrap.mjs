// Runs before `npm start` and `npm test` with plain Node.js: installs the npm dependencies
// (Bun among them) when node_modules is missing or older than package-lock.json, so a fresh
// clone needs nothing but Node.js and npm.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const lock = join(root, "package-lock.json");
const stamp = join(root, "node_modules", ".bootstrap-stamp");
const digest = createHash("sha256").update(readFileSync(lock)).digest("hex");
const bun = join(root, "node_modules", ".bin", "bun");

const current = existsSync(stamp) && readFileSync(stamp, "utf8") === digest && existsSync(bun);
if (!current) {
  console.log("bootstrap: installing npm dependencies (first run or package-lock.json changed)…");
  execSync("npm install --no-audit --no-fund", { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, digest);
}
