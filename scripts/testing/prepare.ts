// Everything the selected tests need that is installed or built (PostgreSQL, Chromium, the Kafka jars,
// helm, actionlint, gitleaks, daprd, the site's build), made ready BEFORE any test runs, one visible line
// per step with its duration. A tool is never built inside a test's time limit: a cold Go build of helm
// takes minutes on a busy machine and only sometimes fits. A step that fails stops the run and says what
// to do. Which steps run is read from the tests' import graphs (test-needs.ts), so a subset such as
// `npm test -- charts.int` prepares only what it uses.
import { GO_TOOLS, ensureGoTool, type GoToolName } from "../infra/go-tools.ts";
import { ensureChromium } from "../infra/chromium.ts";
import { DAPR_VERSION, ensureDapr } from "../infra/dapr.ts";
import { KAFKA_VERSION, fetchKafka } from "../infra/kafka.ts";
import { ensurePgBin } from "../infra/postgres.ts";
import { ensureSchemathesis, SCHEMATHESIS_VERSION } from "../infra/schemathesis.ts";
import { ensureSiteBuilt } from "../../site/build/build-site.ts";
import {
  DATEUTIL_VERSION,
  dateutilPython,
  dateutilRruleTests,
} from "../../schemas/src/recurrence/conformance/dateutil-env.ts";
import { clusterBuilt } from "../infra/cluster/build.ts";
import { refreshProjectImages } from "../infra/cluster/project-images.ts";
import { needsOf, type NeedMarker } from "./test-needs.ts";

interface Step extends NeedMarker {
  /** What is made ready, for the progress line. */
  what: string;
  /** Makes it ready; returns a few words on what it found or did. */
  ensure(): Promise<string>;
  /** What a person can do when the step fails. */
  remedy: string;
}

const goTool = (name: GoToolName, remedy: string): Step => ({
  name,
  what: `${name} ${GO_TOOLS[name].version} (Go build, cached in ~/.cache/chat-todo/bin)`,
  pattern: new RegExp(`ensureGoTool\\("${name}"\\)`),
  ensure: async () => (await ensureGoTool(name)).replace(process.env.HOME ?? "~", "~"),
  remedy,
});

const goRemedy = (name: GoToolName) =>
  `needs Go and the Go module proxy; try: GOBIN=~/.cache/chat-todo/bin CGO_ENABLED=0 go install ${GO_TOOLS[name].pkg}@${GO_TOOLS[name].version}`;

/** In the order they run: quick system packages first, then downloads, then builds. */
const STEPS: Step[] = [
  {
    name: "postgres",
    what: "PostgreSQL (Debian's package)",
    pattern: /startPostgres\(|TEST_DATABASE_URL/,
    ensure: async () => ensurePgBin(),
    remedy: "install it as root: apt-get update && apt-get install postgresql",
  },
  {
    name: "kafka",
    what: `Apache Kafka ${KAFKA_VERSION} jars (Maven Central, cached in ~/.cache/chat-todo)`,
    pattern: /startKafka\(|TEST_KAFKA_BROKERS/,
    ensure: async () => (await fetchKafka()).replace(process.env.HOME ?? "~", "~"),
    remedy: "needs Maven (mvn) and a JDK 17; try: bun scripts/infra/kafka.ts fetch",
  },
  {
    name: "chromium",
    what: "Chromium (Debian's package)",
    pattern: /await ensureChromium\(/,
    ensure: ensureChromium,
    remedy: "install it as root: apt-get update && apt-get install chromium fonts-liberation",
  },
  {
    name: "site",
    what: "the site's build (site/dist)",
    pattern: /await ensureSiteBuilt\(|"scripts\/start\.ts"/,
    ensure: async () => ((await ensureSiteBuilt({ quiet: true })).built ? "built" : "current"),
    remedy: "see the astro error above; try: node_modules/.bin/bun site/build/build-site.ts --force",
  },
  goTool("helm", goRemedy("helm")),
  goTool("actionlint", goRemedy("actionlint")),
  goTool("gitleaks", goRemedy("gitleaks")),
  {
    name: "schemathesis",
    what: `Schemathesis ${SCHEMATHESIS_VERSION} (PyPI, a virtual environment cached in ~/.cache/chat-todo)`,
    pattern: /await ensureSchemathesis\(/,
    ensure: async () => {
      const found = await ensureSchemathesis();
      if (typeof found !== "string") throw new Error(found.unavailable);
      return found.replace(process.env.HOME ?? "~", "~");
    },
    remedy:
      "needs python3 with its venv module (Debian: python3-venv) and PyPI; try: bun scripts/infra/schemathesis.ts",
  },
  {
    name: "dateutil",
    what: `python-dateutil ${DATEUTIL_VERSION} and its rrule tests (PyPI, a virtual environment cached in ~/.cache/chat-todo)`,
    pattern: /dateutilPython\(\)/,
    ensure: async () => {
      const python = dateutilPython(); // the venv first: the test file comes through its pip
      dateutilRruleTests();
      return python.replace(process.env.HOME ?? "~", "~");
    },
    remedy: "needs python3 with its venv module (Debian: python3-venv) and PyPI once",
  },
  {
    name: "dapr",
    what: `daprd and the Dapr scheduler ${DAPR_VERSION} (Go build, cached in ~/.cache/chat-todo)`,
    pattern: /await ensureDapr\(/,
    ensure: async () => (await ensureDapr()).daprd.replace(process.env.HOME ?? "~", "~"),
    remedy: "needs Go and the Go module proxy; try: bash scripts/infra/dapr/build.sh",
  },
  {
    name: "cluster-images",
    what: "the four images for the cluster tier, rebuilt from the Dockerfiles when their sources changed",
    pattern: /cleanClusterWithProduct\(/,
    ensure: async () => {
      if (!clusterBuilt()) return "cluster not built: its tier is skipped";
      const times = Object.entries(await refreshProjectImages({ quiet: true }));
      return times.length ? `rebuilt ${times.map(([s, t]) => `${s} ${t} s`).join(", ")}` : "all four current";
    },
    remedy: "see podman's error above; try: bun scripts/infra/cluster/cluster.ts images",
  },
];

/** Names of every step, for tests and messages. */
export const PREPARE_STEPS = STEPS.map((step) => step.name);

export class PrepareError extends Error {}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * Prepares what the test files need (and the steps named in `also`), printing a line per step; throws
 * PrepareError naming the step that failed and what to do about it.
 * @example await prepareFor(["scripts/deploy/charts.int.test.ts"], root); // prints "prepare: helm … ready"
 */
export async function prepareFor(
  testFiles: string[],
  root: string,
  options: { also?: string[]; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? console.log;
  const needs = needsOf(testFiles, root, STEPS);
  for (const name of options.also ?? []) needs.add(name);
  const steps = STEPS.filter((step) => needs.has(step.name));
  const started = performance.now();
  for (const step of steps) {
    const stepStarted = performance.now();
    log(`prepare: ${step.what}…`);
    try {
      const result = await step.ensure();
      log(`prepare: ${step.name} ready (${result}) in ${seconds(stepStarted)}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PrepareError(
        `prepare: ${step.name} failed after ${seconds(stepStarted)}: ${reason}\n  what to do: ${step.remedy}`,
      );
    }
  }
  log(
    `prepare: ${steps.length ? steps.map((s) => s.name).join(", ") : "nothing needed"}; done in ${seconds(started)}`,
  );
  return steps.map((s) => s.name);
}
