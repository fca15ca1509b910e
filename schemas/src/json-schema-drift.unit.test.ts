import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_DIR, jsonSchemaFiles } from "./export-json-schema.ts";

test("schemas/json holds exactly what the exporter writes from the TypeBox contracts (run bun schemas/src/export-json-schema.ts after a change)", () => {
  const expected = jsonSchemaFiles();
  expect(readdirSync(JSON_SCHEMA_DIR).sort()).toEqual(expected.map((f) => f.file).sort());
  for (const { file, text } of expected)
    expect({ file, text: readFileSync(join(JSON_SCHEMA_DIR, file), "utf8") }).toEqual({ file, text });
});
