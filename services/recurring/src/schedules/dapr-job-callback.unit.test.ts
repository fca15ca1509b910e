// Which job a Dapr callback's body names (the rest of the callback runs against real daprd in
// services/recurring/test/dapr-scheduler.dapr.test.ts).
import { describe, expect, test } from "bun:test";
import { jobIdFromData } from "./dapr-job-callback.ts";

describe("jobIdFromData", () => {
  test("the job_id the adapter registered the job with is the job", () => {
    expect(jobIdFromData(JSON.stringify({ job_id: "reminder:42" }))).toBe("reminder:42");
  });

  test("a body that is not JSON, is null, or has no string job_id names no job", () => {
    for (const body of ["", "not json", "null", JSON.stringify({ job_id: 42 }), JSON.stringify({})])
      expect(jobIdFromData(body)).toBeUndefined();
  });
});
