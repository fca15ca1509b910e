// Each container's memory as the kernel counts it (cgroup v1, cgroupfs driver: kubepods/<qos>/pod<uid>/<id>):
// the working set the kubelet compares with the limit (usage minus inactive file cache) and the peak
// since start (what an OOM kill would have seen), to size the charts' limits from real pods.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { kubectl } from "./kube.ts";

const MEMORY_ROOT = "/sys/fs/cgroup/memory/kubepods";
const MiB = 1024 * 1024;

export interface ContainerMemory {
  pod: string;
  container: string;
  workingSetMiB: number;
  peakMiB: number;
  limitMiB: number | null;
}

type PodList = {
  items: {
    metadata: { name: string; uid: string };
    status: { qosClass?: string; containerStatuses?: { name: string; containerID?: string }[] };
  }[];
};

function cgroupDir(uid: string, qos: string | undefined, id: string): string | undefined {
  const pod = `pod${uid}`;
  const candidates = [
    join(MEMORY_ROOT, pod, id),
    join(MEMORY_ROOT, (qos ?? "").toLowerCase(), pod, id),
    join(MEMORY_ROOT, "burstable", pod, id),
    join(MEMORY_ROOT, "besteffort", pod, id),
  ];
  return candidates.find((c) => existsSync(c));
}

const readNumber = (dir: string, file: string) => Number(readFileSync(join(dir, file), "utf8").trim());

export async function podMemory(namespace: string): Promise<ContainerMemory[]> {
  const pods = JSON.parse(await kubectl(["-n", namespace, "get", "pods", "-o", "json"])) as PodList;
  const rows: ContainerMemory[] = [];
  for (const p of pods.items) {
    for (const c of p.status.containerStatuses ?? []) {
      const id = c.containerID?.replace(/^containerd:\/\//, "");
      const dir = id ? cgroupDir(p.metadata.uid, p.status.qosClass, id) : undefined;
      if (!dir) continue;
      const inactive = Number(
        readFileSync(join(dir, "memory.stat"), "utf8").match(/^total_inactive_file (\d+)/m)?.[1] ?? 0,
      );
      const limit = readNumber(dir, "memory.limit_in_bytes");
      rows.push({
        pod: p.metadata.name,
        container: c.name,
        workingSetMiB: Math.round((readNumber(dir, "memory.usage_in_bytes") - inactive) / MiB),
        peakMiB: Math.round(readNumber(dir, "memory.max_usage_in_bytes") / MiB),
        limitMiB: limit > 2 ** 50 ? null : Math.round(limit / MiB),
      });
    }
  }
  return rows;
}

export function printMemory(rows: ContainerMemory[]): void {
  console.log("pod memory (MiB): pod / container  working-set  peak  limit");
  for (const r of rows)
    console.log(
      `  ${`${r.pod} / ${r.container}`.padEnd(48)} ${String(r.workingSetMiB).padStart(5)} ${String(r.peakMiB).padStart(5)} ${String(r.limitMiB ?? "-").padStart(5)}`,
    );
}
