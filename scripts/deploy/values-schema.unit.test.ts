import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Value } from "@sinclair/typebox/value";
import { parse } from "yaml";
import { CHARTS, HELM_DIR } from "./charts.ts";
import { PlatformValuesSchema, ServiceValuesSchema, valuesSchemaJson } from "./values-schema.ts";

test.each(CHARTS.map((c) => [c]))(
  "helm/%s/values.schema.json is the one values-schema.ts writes (run it after a change)",
  (chart) => {
    expect(readFileSync(join(HELM_DIR, chart, "values.schema.json"), "utf8")).toBe(valuesSchemaJson(chart));
  },
);

test.each(CHARTS.map((c) => [c]))("helm/%s/values.yaml is valid on its own", (chart) => {
  const values = parse(readFileSync(join(HELM_DIR, chart, "values.yaml"), "utf8"));
  expect(
    [...Value.Errors(chart === "platform" ? PlatformValuesSchema : ServiceValuesSchema, values)].map(
      (e) => `${e.path} ${e.message}`,
    ),
  ).toEqual([]);
});
