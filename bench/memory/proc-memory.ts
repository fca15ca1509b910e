import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface Memory {
  rssKb: number;
  /** The highest RSS the process has had (VmHWM). */
  peakKb: number;
}

/** A process's resident memory now and at its peak, from /proc/<pid>/status. */
export function processMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssKb: field("VmRSS"), peakKb: field("VmHWM") };
}

/** Kilobytes of the files under `dir` (what a fresh write leaves in the page cache). */
export function diskUsage(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += diskUsage(path) * 1024;
    else if (entry.isFile()) bytes += statSync(path).size;
  }
  return bytes / 1024;
}
