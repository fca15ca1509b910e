// CPU seconds per process (and its children) from /proc: on a small shared machine the question
// "where did the time go" is often "which process had the cores".
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  ticks: number;
}

function readProc(pid: number): Proc | undefined {
  try {
    // Fields after the parenthesised command name: state ppid ... utime(14) stime(15).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // exited meanwhile
  }
}

const allPids = () =>
  readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);

/** Pids whose command line contains every one of `parts` (e.g. the Kafka broker's config path). */
export function findPids(...parts: string[]): number[] {
  return allPids().filter((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      return parts.every((part) => cmdline.includes(part));
    } catch {
      return false;
    }
  });
}

/** CPU seconds used so far by `roots` and all their descendants (PostgreSQL's backends, say). */
export function cpuSeconds(roots: number[]): number {
  const procs = allPids()
    .map(readProc)
    .filter((p): p is Proc => p !== undefined);
  const children = new Map<number, Proc[]>();
  for (const p of procs) (children.get(p.ppid) ?? children.set(p.ppid, []).get(p.ppid)!).push(p);
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  let ticks = 0;
  const seen = new Set<number>();
  const visit = (pid: number) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    ticks += byPid.get(pid)?.ticks ?? 0;
    for (const child of children.get(pid) ?? []) visit(child.pid);
  };
  roots.forEach(visit);
  return ticks / TICKS_PER_SECOND;
}

/** Busy and total CPU seconds of the whole machine (every core, every tenant) from /proc/stat. */
export function machineSeconds(): { busy: number; total: number } {
  const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const n = values.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0); // idle + iowait
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0); // guest time is already in user
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

export type CpuGroups = Record<string, () => number[]>;

/** What `cpuWindow(...).since()` measured. */
export interface CpuUsage {
  wallSeconds: number;
  percentOfOneCore: Record<string, number>;
  machineBusyPercent: number;
}

/** Takes a CPU reading of each named group now; `since()` gives % of one core used in between. */
export function cpuWindow(groups: CpuGroups) {
  const started = performance.now();
  const before = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, cpuSeconds(pids())]));
  const machineBefore = machineSeconds();
  return {
    since(): CpuUsage {
      const wallSeconds = (performance.now() - started) / 1000;
      const percentOfOneCore = Object.fromEntries(
        Object.entries(groups).map(([name, pids]) => [
          name,
          ((cpuSeconds(pids()) - before[name]!) / wallSeconds) * 100,
        ]),
      );
      const machine = machineSeconds();
      const machineBusyPercent =
        ((machine.busy - machineBefore.busy) / Math.max(1e-9, machine.total - machineBefore.total)) * 100;
      return { wallSeconds, percentOfOneCore, machineBusyPercent };
    },
  };
}

/** The machine's 1, 5 and 15 minute load averages as /proc/loadavg prints them ("2.10 1.80 1.52"). */
export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
