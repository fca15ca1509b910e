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
  const atLine = (i: Instruction, run: () => string) => {
    try {
      return run();
    } catch (error) {
      throw new Error(`line ${i.line}: ${(error as Error).message}`);
    }
  };
  const globalArgs = instructions.slice(0, firstFrom);
  const globals: Vars = {};
  for (const i of globalArgs) {
    if (i.keyword !== "ARG") throw new Error(`line ${i.line}: ${i.keyword} before the first FROM`);
    for (const { key, value } of keyValues(i.keyword, i.args)) {
      if (key in buildArgs) globals[key] = buildArgs[key]!;
      else if (value !== undefined) globals[key] = atLine(i, () => expandWord(value, globals));
    }
  }

  const stages: Stage[] = [];
  let stage: Stage | undefined;
  let args: Vars = {};
  for (const i of instructions.slice(firstFrom)) {
    const vars = (): Vars => ({ ...args, ...stage!.config.env });
    if (i.keyword === "FROM") {
      const [base, as, name] = splitWords(i.args)
        .filter((w) => !w.startsWith("--"))
        .map((w) => atLine(i, () => expandWord(w, globals)));
      const parent = stages.find((s) => s.name === base!.toLowerCase());
      const inherited = parent?.config ?? {
        env: {},
        workdir: "/",
        expose: [],
        cmd: [],
        entrypoint: [],
        healthcheck: [],
      };
      const config = { ...inherited, env: { ...inherited.env }, expose: [...inherited.expose] };
      stage = {
        index: stages.length,
        name: as?.toUpperCase() === "AS" ? name!.toLowerCase() : undefined,
        base: base!,
        parent,
        line: i.line,
        instructions: [],
        config,
      };
      stages.push(stage);
      args = {};
      continue;
    }
    const { config } = stage!;
    if (i.keyword === "ARG") {
      // A build argument wins over the stage's default, which wins over the global value.
      for (const { key, value } of keyValues(i.keyword, i.args)) {
        if (key in buildArgs) args[key] = buildArgs[key]!;
        else if (value !== undefined) args[key] = atLine(i, () => expandWord(value, vars()));
        else if (key in globals) args[key] = globals[key]!;
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
    if (i.keyword === "WORKDIR") config.workdir = posix.resolve(config.workdir, substituted);
    else if (i.keyword === "USER") config.user = substituted;
    else if (i.keyword === "EXPOSE") config.expose.push(...substituted.split(/\s+/));
    else if (i.keyword === "CMD") config.cmd = command(i.args);
    else if (i.keyword === "ENTRYPOINT") config.entrypoint = command(i.args);
    else if (i.keyword === "HEALTHCHECK")
      config.healthcheck = /^NONE\b/i.test(i.args)
        ? []
        : command(i.args.slice(i.args.indexOf("CMD") + "CMD".length));
    stage!.instructions.push({ ...i, args: substituted, vars: vars(), workdir: config.workdir });
  }

  const target = stages.at(-1)!;
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
  return { globalArgs, stages, target, needed: stages.filter((s) => needed.has(s)) };
}
