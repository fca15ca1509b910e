// Reads a Dockerfile as BuildKit does before it builds anything: instructions with continuation
// lines joined, build arguments (ARG and --build-arg) and ${VAR} substitution in the instructions
// Docker substitutes (FROM, COPY, ADD, ENV, ARG, EXPOSE, USER, WORKDIR), each stage's image
// settings inherited through FROM, and the stages the last one needs. RUN, CMD and HEALTHCHECK
// stay as written: a RUN's shell expands them with the stage's ARG and ENV values (`vars`).
// Shared by the policy check (dockerfile-policy.ts) and the emulated build (image-emulation.ts).
import { posix } from "node:path";
import { expandWord, keyValues, splitWords, type Vars } from "./dockerfile-words.ts";

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buffer = "";
  let start = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!buffer && (line === "" || line.startsWith("#"))) return;
    if (buffer && line.startsWith("#")) return;
    if (!buffer) start = i + 1;
    buffer += (buffer ? " " : "") + line.replace(/\\$/, "").trim();
    if (line.endsWith("\\")) return;
    const [keyword, ...rest] = buffer.split(/\s+/);
    out.push({ keyword: keyword!.toUpperCase(), args: rest.join(" "), line: start });
    buffer = "";
  });
  return out;
}

/** What a stage's image carries into a container and into the stages built FROM it. */
export interface ImageConfig {
  env: Vars;
  workdir: string;
  user?: string;
  expose: string[];
  cmd: string[];
  entrypoint: string[];
  healthcheck: string[];
}

export interface StageInstruction extends Instruction {
  /** ARG and ENV values in scope (the environment a RUN gets) and the WORKDIR it runs in. */
  vars: Vars;
  workdir: string;
}

export interface Stage {
  index: number;
  name?: string;
  /** The FROM image or stage, substituted. */
  base: string;
  /** The earlier stage `base` names; unset when `base` is an image. */
  parent?: Stage;
  line: number;
  /** The instructions after FROM, with the substituting ones already substituted. */
  instructions: StageInstruction[];
  config: ImageConfig;
}

export interface ResolvedDockerfile {
  /** ARG lines before the first FROM (usable in FROM lines only). */
  globalArgs: Instruction[];
  stages: Stage[];
  /** The last stage, what `docker build` produces. */
  target: Stage;
  /** The stages the target needs (through FROM and COPY --from), in build order; others are skipped. */
  needed: Stage[];
}

// Exec form (JSON) as written; shell form as Docker runs it.
const command = (args: string): string[] =>
  args.trim().startsWith("[") ? (JSON.parse(args) as string[]) : ["/bin/sh", "-c", args];
const SUBSTITUTED = new Set(["ADD", "COPY", "EXPOSE", "USER", "WORKDIR", "LABEL", "STOPSIGNAL", "VOLUME"]);

/** The Dockerfile's stages with `buildArgs` applied as `docker build --build-arg` would; throws where BuildKit stops. */
export function resolveDockerfile(text: string, buildArgs: Vars = {}): ResolvedDockerfile {
  const instructions = parseDockerfile(text);
  const firstFrom = instructions.findIndex((i) => i.keyword === "FROM");
  if (firstFrom < 0) throw new Error("no FROM");
  const globalArgs = instructions.slice(0, firstFrom);
  const globals = globalValues(globalArgs, buildArgs);
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  let args: Vars = {};
  for (const i of instructions.slice(firstFrom)) {
    if (i.keyword === "FROM") {
      stage = startStage(i, stages, globals);
      stages.push(stage);
      args = {};
    } else addInstruction(stage!, i, args, { buildArgs, globals });
  }
  const target = stages.at(-1)!;
  return { globalArgs, stages, target, needed: neededStages(stages, target) };
}

// An error inside an instruction names its line, as BuildKit's do.
function atLine<T>(i: Instruction, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`line ${i.line}: ${(error as Error).message}`);
  }
}

// The ARG lines before the first FROM: a build argument wins over the default.
function globalValues(globalArgs: Instruction[], buildArgs: Vars): Vars {
  const globals: Vars = {};
  for (const i of globalArgs) {
    if (i.keyword !== "ARG") throw new Error(`line ${i.line}: ${i.keyword} before the first FROM`);
    for (const { key, value } of keyValues(i.keyword, i.args)) {
      if (key in buildArgs) globals[key] = buildArgs[key]!;
      else if (value !== undefined) globals[key] = atLine(i, () => expandWord(value, globals));
    }
  }
  return globals;
}

const EMPTY_CONFIG: ImageConfig = {
  env: {},
  workdir: "/",
  expose: [],
  cmd: [],
  entrypoint: [],
  healthcheck: [],
};

// A FROM line: a new stage that inherits the image settings of the earlier stage it names, if any.
function startStage(i: Instruction, stages: Stage[], globals: Vars): Stage {
  const [base, as, name] = splitWords(i.args)
    .filter((w) => !w.startsWith("--"))
    .map((w) => atLine(i, () => expandWord(w, globals)));
  const parent = stages.find((s) => s.name === base!.toLowerCase());
  const inherited = parent?.config ?? EMPTY_CONFIG;
  return {
    index: stages.length,
    name: as?.toUpperCase() === "AS" ? name!.toLowerCase() : undefined,
    base: base!,
    parent,
    line: i.line,
    instructions: [],
    config: { ...inherited, env: { ...inherited.env }, expose: [...inherited.expose] },
  };
}

// One instruction after FROM: ARG and ENV extend the stage's variables (`args` is the stage's ARG
// scope), the substituting instructions are substituted, and the image settings follow.
function addInstruction(
  stage: Stage,
  i: Instruction,
  args: Vars,
  scope: { buildArgs: Vars; globals: Vars },
): void {
  const { config } = stage;
  const vars = (): Vars => ({ ...args, ...config.env });
  if (i.keyword === "ARG") {
    // A build argument wins over the stage's default, which wins over the global value.
    for (const { key, value } of keyValues(i.keyword, i.args)) {
      if (key in scope.buildArgs) args[key] = scope.buildArgs[key]!;
      else if (value !== undefined) args[key] = atLine(i, () => expandWord(value, vars()));
      else if (key in scope.globals) args[key] = scope.globals[key]!;
    }
  } else if (i.keyword === "ENV") {
    const before = vars();
    for (const { key, value } of keyValues(i.keyword, i.args))
      config.env[key] = atLine(i, () => expandWord(value ?? "", before));
  }
  const substituted = SUBSTITUTED.has(i.keyword)
    ? atLine(i, () =>
        splitWords(i.args)
          .map((w) => expandWord(w, vars()))
          .join(" "),
      )
    : i.args;
  applyToConfig(config, i, substituted);
  stage.instructions.push({ ...i, args: substituted, vars: vars(), workdir: config.workdir });
}

// The image settings an instruction changes (WORKDIR, USER, EXPOSE, CMD, ENTRYPOINT, HEALTHCHECK).
function applyToConfig(config: ImageConfig, i: Instruction, substituted: string): void {
  if (i.keyword === "WORKDIR") config.workdir = posix.resolve(config.workdir, substituted);
  else if (i.keyword === "USER") config.user = substituted;
  else if (i.keyword === "EXPOSE") config.expose.push(...substituted.split(/\s+/));
  else if (i.keyword === "CMD") config.cmd = command(i.args);
  else if (i.keyword === "ENTRYPOINT") config.entrypoint = command(i.args);
  else if (i.keyword === "HEALTHCHECK")
    config.healthcheck = /^NONE\b/i.test(i.args)
      ? []
      : command(i.args.slice(i.args.indexOf("CMD") + "CMD".length));
}

// The stages `target` needs through FROM and COPY --from (by name or index), in build order.
function neededStages(stages: Stage[], target: Stage): Stage[] {
  const needed = new Set<Stage>();
  const need = (s: Stage) => {
    if (needed.has(s)) return;
    needed.add(s);
    if (s.parent) need(s.parent);
    for (const i of s.instructions) {
      const from = /--from=(\S+)/.exec(i.args)?.[1];
      const source = from && stages.find((t) => t.name === from.toLowerCase() || String(t.index) === from);
      if (source) need(source);
    }
  };
  need(target);
  return stages.filter((s) => needed.has(s));
}
