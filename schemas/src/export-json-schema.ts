// Writes each topic's contract as JSON Schema into schemas/json/, for consumers outside TypeScript.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { topics } from "./index.ts";

const out = join(import.meta.dir, "..", "json");
mkdirSync(out, { recursive: true });
for (const { name, version, schema } of Object.values(topics)) {
  const doc = { $schema: "https://json-schema.org/draft/2020-12/schema", $id: `${name}.v${version}`, title: name, ...schema };
  writeFileSync(join(out, `${name}.v${version}.schema.json`), JSON.stringify(doc, null, 2) + "\n");
  console.log(`wrote json/${name}.v${version}.schema.json`);
}
