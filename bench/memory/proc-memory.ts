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

export interface Mapping {
  sizeKb: number;
  rssKb: number;
  /** The mapped file, or "" for anonymous memory. */
  name: string;
}

/** The process's memory mappings from /proc/<pid>/smaps: each one's size, resident part and file. */
export function mappings(pid: number): Mapping[] {
  const result: Mapping[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) result.push({ sizeKb: 0, rssKb: 0, name: header[1] ?? "" });
    const field = /^(Size|Rss):\s+(\d+) kB/.exec(line);
    const last = result.at(-1);
    if (field && last) last[field[1] === "Size" ? "sizeKb" : "rssKb"] = Number(field[2]);
  }
  return result;
}
