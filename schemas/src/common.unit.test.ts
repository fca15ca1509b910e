import { expect, test } from "bun:test";
import type { Static } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { literals } from "./common.ts";

test("literals makes a closed vocabulary: exactly its words pass, checked and typed", () => {
  const Size = literals("small", "large");
  expect(Size.anyOf.map((member) => member.const)).toEqual(["small", "large"]);
  expect(["small", "large", "medium", 1].map((value) => Value.Check(Size, value))).toEqual([
    true,
    true,
    false,
    false,
  ]);
  const fits: Static<typeof Size> = "small";
  // @ts-expect-error: the static type is the words, not any string (tsc checks this line)
  const misfit: Static<typeof Size> = "medium";
  expect([fits, misfit] as string[]).toEqual(["small", "medium"]);
});
