// Writes each topic's contract as JSON Schema into schemas/json/, for consumers outside TypeScript.
// `bun schemas/src/export-json-schema.ts` after changing a contract; json-schema-drift.unit.test.ts
// fails while the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { topics } from "./index.ts";

export const JSON_SCHEMA_DIR = join(import.meta.dir, "..", "json");

/** Each topic's JSON Schema document as the file name and the exact text written for it. */
export function jsonSchemaFiles(): { file: string; text: string }[] {
  return Object.values(topics).map(({ name, version, schema }) => {
    const doc = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: `${name}.v${version}`,
      title: name,
      ...schema,
    };
    return { file: `${name}.v${version}.schema.json`, text: `${JSON.stringify(doc, null, 2)}\n` };
  });
}

if (import.meta.main) {
  mkdirSync(JSON_SCHEMA_DIR, { recursive: true });
  for (const { file, text } of jsonSchemaFiles()) {
    writeFileSync(join(JSON_SCHEMA_DIR, file), text);
    console.log(`wrote json/${file}`);
  }
}
