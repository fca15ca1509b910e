// The names the Dapr adapter gives jobs: Dapr takes the name in a URL path, and the callback's path
// must lead back to the job id when a callback comes without data.
import { describe, expect, test } from "bun:test";
import { daprJobName, jobIdOfDaprName } from "./dapr-jobs-client.ts";
import { occurrenceJobId, reminderJobId } from "./job-ids.ts";

describe("Dapr job names", () => {
  const ids = [
    reminderJobId("0b0e7c1c-5a4e-4d0e-9c55-8a7e0d1c2b3a"),
    occurrenceJobId("series_1", new Date("2026-12-21T06:00:00Z")),
    "odd!~*'() id/with?query#and%percent",
  ];

  test("a job id becomes a name of letters, digits, '-', '.' and '_' only", () => {
    for (const id of ids) expect(daprJobName(id)).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(daprJobName("reminder:42")).toBe("reminder_3A42");
  });

  test("every name leads back to its job id", () => {
    for (const id of ids) expect(jobIdOfDaprName(daprJobName(id))).toBe(id);
  });

  test("a name this adapter never made (a broken escape) stands for no job", () => {
    expect(jobIdOfDaprName("reminder_ZZ42")).toBeUndefined();
  });
});
