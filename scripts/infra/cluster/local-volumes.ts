// The cluster has no storage provisioner: like Minikube's hostpath one, `up` offers a small pool of
// pre-made hostPath PersistentVolumes without a storage class, which any claim without one (the
// platform chart's Kafka and PostgreSQL claims) binds. Folders are world-writable because a
// hostPath volume ignores the pod's fsGroup (PostgreSQL runs as 999, Kafka as 1000).
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { RUN } from "./config.ts";
import { kubectl } from "./kube.ts";

export const PV_COUNT = 4;

export async function applyLocalVolumes(): Promise<void> {
  const docs = [];
  for (let i = 0; i < PV_COUNT; i++) {
    const dir = join(RUN, "pv", `local-${i}`);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    docs.push(`apiVersion: v1
kind: PersistentVolume
metadata: { name: local-${i}, labels: { chat-todo/local-volume: "true" } }
spec:
  capacity: { storage: 10Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  hostPath: { path: ${dir}, type: Directory }`);
  }
  await kubectl(["apply", "-f", "-"], { stdin: docs.join("\n---\n") });
}
