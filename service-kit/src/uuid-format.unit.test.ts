import { describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { checkBehindFastPath } from "@todo/schemas";
import "./index.ts";

// What loading service-kit (and with it @elysiajs/openapi) leaves registered: behind the canonical
// fast path when an app was already built in this process (errorsPlugin puts it in front).
const registered = checkBehindFastPath("uuid");

describe('the "uuid" format', () => {
  test("given service-kit is loaded (with @elysiajs/openapi), the registered check is the one-pattern check", async () => {
    const { isUuid } = await import("./uuid-format.ts");
    expect(registered).toBe(isUuid);
  });

  test("a compiled schema accepts what Zod's uuid() accepted: versions 1-8 with the RFC variant, nil and max", () => {
    const check = TypeCompiler.Compile(Type.String({ format: "uuid" }));
    for (const id of [
      "0190f5a2-0000-7000-8000-000000000001",
      "3F2504E0-4F89-41D3-9A0C-0305E82C3301",
      "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ])
      expect(check.Check(id)).toBe(true);
  });

  test("and refuses version 0 or 9, a variant outside 8-b, other lengths and the urn: form", () => {
    const check = TypeCompiler.Compile(Type.String({ format: "uuid" }));
    for (const id of [
      "0190f5a2-0000-0000-8000-000000000001",
      "0190f5a2-0000-9000-8000-000000000001",
      "0190f5a2-0000-7000-c000-000000000001",
      "0190f5a2-0000-7000-8000-00000000001",
      "urn:uuid:0190f5a2-0000-7000-8000-000000000001",
      "",
    ])
      expect(check.Check(id)).toBe(false);
  });
});
