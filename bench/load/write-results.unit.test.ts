import { describe, expect, test } from "bun:test";
import { cpuMsPerRequest, type StepResult } from "./write-results.ts";

const step = (percentOfOneCore: Record<string, number>, ops: number): StepResult =>
  ({ ops, cpu: { wallSeconds: 10, percentOfOneCore, machineBusyPercent: 0 } }) as unknown as StepResult;

describe("cpuMsPerRequest", () => {
  test("given each process's share of a core over the window, then CPU ms per request is their sum over the requests, the load generator left out", () => {
    const r = step({ site: 10, backend: 30, "load generator (this process)": 50 }, 1000);
    // (10% + 30%) of one core for 10 s = 4 s of CPU, over 1,000 requests
    expect(cpuMsPerRequest(r)).toBeCloseTo(4);
  });

  test("given the names of some processes, then only theirs count", () => {
    expect(cpuMsPerRequest(step({ site: 10, backend: 30 }, 1000), ["site"])).toBeCloseTo(1);
  });
});
