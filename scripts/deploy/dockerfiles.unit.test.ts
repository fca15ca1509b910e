// The Dockerfiles (services/Dockerfile once per back-end service, site/Dockerfile) and
// .dockerignore against the image policy (scripts/deploy/dockerfile-policy.ts).
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkDockerfile, type DockerfilePolicy } from "./dockerfile-policy.ts";
import { resolveDockerfile } from "./dockerfile-stages.ts";
import { expandWord } from "./dockerfile-words.ts";

const root = new URL("../..", import.meta.url).pathname;
const bunVersion = JSON.parse(readFileSync(join(root, "node_modules", "bun", "package.json"), "utf8"))
  .version as string;
type Image = {
  name: string;
  dockerfile: string;
  buildArgs: Record<string, string>;
  port: number;
  entry: string;
};
const IMAGES: Image[] = [
  {
    name: "backend",
    dockerfile: "services/Dockerfile",
    buildArgs: { SERVICE: "backend" },
    port: 8000,
    entry: "services/backend/src/main.ts",
  },
  {
    name: "recurring",
    dockerfile: "services/Dockerfile",
    buildArgs: { SERVICE: "recurring" },
    port: 8001,
    entry: "services/recurring/src/main.ts",
  },
  {
    name: "notifier",
    dockerfile: "services/Dockerfile",
    buildArgs: { SERVICE: "notifier" },
    port: 8002,
    entry: "services/notifier/src/main.ts",
  },
  { name: "site", dockerfile: "site/Dockerfile", buildArgs: {}, port: 3000, entry: "site/src/main.ts" },
];
const policy = (port: number, buildArgs: Record<string, string> = {}): DockerfilePolicy => ({
  bunVersion,
  port,
  buildArgs,
  exists: (p) => existsSync(join(root, p)),
});
const services = readFileSync(join(root, "services/Dockerfile"), "utf8");

describe.each(IMAGES.map((i) => [i.name, i] as const))("the %s image", (_, image) => {
  const text = readFileSync(join(root, image.dockerfile), "utf8");
  const { target, needed } = resolveDockerfile(text, image.buildArgs);

  test("follows the image policy", () => {
    expect(checkDockerfile(text, policy(image.port, image.buildArgs))).toEqual([]);
  });

  test("starts the service's own entry point and installs only its workspace's production dependencies", () => {
    expect(target.config.cmd).toEqual(["bun", image.entry]);
    // The install line as the stage's shell runs it, with the stage's build arguments.
    const install = needed
      .flatMap((s) => s.instructions)
      .find((i) => i.keyword === "RUN" && i.args.includes("bun install"))!;
    expect(expandWord(install.args, install.vars)).toContain(`--filter @todo/${image.name} `);
  });

  test("listens where the chart expects it", () => {
    const values = readFileSync(join(root, "helm", image.name, "values.yaml"), "utf8");
    expect(values).toContain(`containerPort: ${image.port}`);
    expect(target.config.env.PORT).toBe(String(image.port));
    expect(target.config.expose).toEqual([String(image.port)]);
  });
});

test("services/Dockerfile builds nothing without a SERVICE, and only a back-end service's stage with one", () => {
  expect(() => resolveDockerfile(services)).toThrow("SERVICE: is not allowed to be unset");
  expect(() => resolveDockerfile(services, { SERVICE: "" })).toThrow("SERVICE: is not allowed to be empty");
  expect(checkDockerfile(services, policy(8000))).toEqual([expect.stringContaining("does not build: line")]);
  // Any other name is no stage: Docker would look for an image called service-<name>.
  expect(resolveDockerfile(services, { SERVICE: "site" }).target.parent).toBeUndefined();
  expect(checkDockerfile(services, policy(3000, { SERVICE: "site" }))).toContainEqual(
    expect.stringContaining("FROM service-site is not oven/bun:"),
  );
});

test("the build context leaves out installed modules, local data, credentials and git", () => {
  const ignored = readFileSync(join(root, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim());
  for (const entry of ["**/node_modules", "**/.data", ".env", ".env.*", ".git"])
    expect(ignored).toContain(entry);
});

test("the policy catches an unpinned base, a root user, a missing health check and a baked-in credential", () => {
  const bad = [
    "FROM oven/bun:latest",
    "ENV API_TOKEN=abc",
    "ARG DATABASE_URL",
    "COPY does-not-exist ./",
    "RUN bun install",
    'CMD ["bun", "x.ts"]',
  ].join("\n");
  const findings = checkDockerfile(bad, policy(8000));
  for (const expected of [
    "not multi-stage",
    "is not oven/bun:",
    "no USER",
    "no HEALTHCHECK",
    "does not EXPOSE 8000",
    "API_TOKEN puts a credential",
    "DATABASE_URL puts a credential",
    "does-not-exist does not exist",
    "without --production",
  ]) {
    expect(findings.some((f) => f.includes(expected))).toBe(true);
  }
  expect(
    checkDockerfile(
      `FROM oven/bun:${bunVersion}-slim AS a\nFROM a\nUSER bun\nHEALTHCHECK CMD true\nEXPOSE 8000\nCMD x`,
      policy(8000),
    ),
  ).toEqual(["USER bun is not numeric (Kubernetes cannot verify runAsNonRoot)"]);
});

test("build arguments and variables are substituted as Docker does", () => {
  const text = [
    "ARG BASE=oven/bun:1",
    "ARG NAME",
    "FROM ${BASE} AS one",
    "ARG NAME",
    "ARG PORT=80${NAME:+81}",
    'ENV DIR="/srv/$NAME" OLD=$DIR',
    "WORKDIR ${DIR}",
    "COPY $NAME/ \\$NAME ${MISSING:-fallback} ./",
    "EXPOSE $PORT",
    "USER ${UID-1000}",
    "FROM one",
    "COPY --from=one '$NAME' .",
  ].join("\n");
  const { stages, target, needed } = resolveDockerfile(text, { NAME: "x" });
  const [one] = stages;
  expect(one!.base).toBe("oven/bun:1");
  expect(one!.config).toMatchObject({
    env: { DIR: "/srv/x", OLD: "" },
    workdir: "/srv/x",
    expose: ["8081"],
    user: "1000",
  });
  expect(one!.instructions.find((i) => i.keyword === "COPY")!.args).toBe("x/ $NAME fallback ./");
  // ARG values stay in their stage; ENV, WORKDIR and USER are inherited through FROM.
  expect(target.config).toMatchObject({ env: { DIR: "/srv/x" }, workdir: "/srv/x", user: "1000" });
  expect(target.instructions[0]!.args).toBe("--from=one $NAME .");
  expect(needed).toEqual(stages);
  expect(resolveDockerfile(text).stages[0]!.config.expose).toEqual(["80"]);
  expect(() => resolveDockerfile("FROM a\nARG X\nCOPY ${X:?say which} .")).toThrow("line 3: X: say which");
});

test("the target needs the stages it names through FROM or COPY --from (by name or index); the others are skipped", () => {
  const text = [
    "FROM a AS deps",
    "FROM b AS unused",
    "FROM c AS tools",
    "FROM deps AS build",
    "COPY --from=2 /bin/tool /bin/",
    "FROM d",
    "COPY --from=build /app /app",
    'CMD ["bun", "main.ts"]',
    "HEALTHCHECK --interval=5s CMD wget -q localhost",
  ].join("\n");
  const { target, needed } = resolveDockerfile(text);
  expect(needed.map((s) => s.name ?? s.base)).toEqual(["deps", "tools", "build", "d"]);
  expect(target.config.cmd).toEqual(["bun", "main.ts"]);
  expect(target.config.healthcheck.map((w) => w.trim())).toEqual(["/bin/sh", "-c", "wget -q localhost"]);
  expect(() => resolveDockerfile("ENV X=1\nFROM a")).toThrow("line 1: ENV before the first FROM");
});
