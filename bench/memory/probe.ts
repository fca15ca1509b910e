// bench/memory's probe, preloaded into the measured process (`bun --preload bench/memory/probe.ts`):
// on SIGUSR2 it collects garbage (Bun.gc(true)) and writes where the memory is to
// MEMORY_PROBE_FILE as JSON: the JavaScript heap (bun:jsc heapStats and process.memoryUsage) and
// the WebAssembly memories (PGlite's heap), which it finds by wrapping the WebAssembly.Memory
// constructor before any module creates one.
import { writeFileSync } from "node:fs";
import { heapStats } from "bun:jsc";

export interface ProbeReport {
  beforeGc: NodeJS.MemoryUsage;
  afterGc: NodeJS.MemoryUsage;
  /**
   * The JavaScript heap after the collection: `size` counts `extra` (memory its objects hold
   * outside it: array buffers, the WebAssembly memory, large strings); the most numerous types.
   */
  jsHeap: { size: number; capacity: number; extra: number; objects: number; topTypes: [string, number][] };
  /** Byte length of each live WebAssembly memory (it only grows). */
  wasmMemories: number[];
}

const memories: WeakRef<WebAssembly.Memory>[] = [];
const Original = WebAssembly.Memory;
WebAssembly.Memory = new Proxy(Original, {
  construct(target, args: [WebAssembly.MemoryDescriptor]) {
    const memory = new target(...args);
    memories.push(new WeakRef(memory));
    return memory;
  },
});

function report(): ProbeReport {
  const beforeGc = process.memoryUsage();
  Bun.gc(true);
  const afterGc = process.memoryUsage();
  const stats = heapStats();
  const topTypes = Object.entries(stats.objectTypeCounts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12);
  return {
    beforeGc,
    afterGc,
    jsHeap: {
      size: stats.heapSize,
      capacity: stats.heapCapacity,
      extra: stats.extraMemorySize,
      objects: stats.objectCount,
      topTypes,
    },
    wasmMemories: memories.flatMap((ref) => {
      const memory = ref.deref();
      return memory ? [memory.buffer.byteLength] : [];
    }),
  };
}

const file = process.env.MEMORY_PROBE_FILE;
if (file) process.on("SIGUSR2", () => writeFileSync(file, JSON.stringify(report())));
