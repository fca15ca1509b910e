// Points an environment's values at newly pushed images: CI runs it after pushing the four images
// on a merge to main, commits the result, and Argo CD rolls the change out (SC-007).
//
//   node_modules/.bin/bun scripts/deploy/set-image-tag.ts --registry ghcr.io/<owner> --tag <commit sha> [--env cloud]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { HELM_DIR, SERVICE_CHARTS } from "./charts.ts";

/** The values file text with image.repository and image.tag replaced; comments and order are kept. */
export function setImage(valuesText: string, repository: string, tag: string): string {
  if (!/^[a-z0-9][a-z0-9._/-]*$/.test(repository)) throw new Error(`not an image repository: ${repository}`);
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) || tag === "latest")
    throw new Error(`not a pinned image tag: ${tag}`);
  const doc = parseDocument(valuesText);
  if (doc.errors.length) throw new Error(`values file does not parse: ${doc.errors[0]!.message}`);
  doc.setIn(["image", "repository"], repository);
  // Quoted: a short all-digit SHA would otherwise become a number.
  const tagNode = doc.createNode(tag);
  tagNode.type = "QUOTE_DOUBLE";
  doc.setIn(["image", "tag"], tagNode);
  return doc.toString();
}

function argument(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

if (import.meta.main) {
  const registry = argument("registry").toLowerCase().replace(/\/$/, "");
  const tag = argument("tag");
  const env = argument("env", "cloud");
  for (const service of SERVICE_CHARTS) {
    const file = join(HELM_DIR, service, `values-${env}.yaml`);
    writeFileSync(file, setImage(readFileSync(file, "utf8"), `${registry}/chat-todo-${service}`, tag));
    console.log(`${file}: ${registry}/chat-todo-${service}:${tag}`);
  }
}
