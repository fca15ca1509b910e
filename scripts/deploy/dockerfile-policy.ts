// The image policy, checked on the Dockerfiles' text (no Docker engine needed): the official Bun
// image pinned to the Bun the repository uses, a numeric non-root user, a health check, no
// credential in ENV/ARG, and COPY sources that exist.
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

export interface DockerfilePolicy {
  /** The Bun version every stage's oven/bun image must carry (the repository's own Bun). */
  bunVersion: string;
  /** The port the service listens on; EXPOSE must name it. */
  port: number;
  /** Whether a path (relative to the build context) exists in the repository. */
  exists: (path: string) => boolean;
}

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|DATABASE_URL)/i;

/** Findings for one Dockerfile; empty when it follows the policy. */
export function checkDockerfile(text: string, policy: DockerfilePolicy): string[] {
  const instructions = parseDockerfile(text);
  const findings: string[] = [];
  const stages = new Set<string>();
  const froms = instructions.filter((i) => i.keyword === "FROM");
  if (froms.length < 2) findings.push("not multi-stage (one FROM)");
  for (const from of froms) {
    const [image, as, stage] = from.args.split(/\s+/);
    if (stages.has(image!)) continue;
    const pinned = new RegExp(`^oven/bun:${policy.bunVersion.replaceAll(".", "\\.")}(-(slim|alpine|debian|distroless))?(@sha256:[0-9a-f]{64})?$`);
    if (!pinned.test(image!)) findings.push(`line ${from.line}: FROM ${image} is not oven/bun:${policy.bunVersion}[-variant]`);
    if (as?.toUpperCase() === "AS" && stage) stages.add(stage);
  }
  const finalStart = instructions.lastIndexOf(froms.at(-1)!);
  const final = instructions.slice(finalStart);
  const users = final.filter((i) => i.keyword === "USER");
  const user = users.at(-1)?.args.split(":")[0];
  if (!user) findings.push("final stage sets no USER (runs as root)");
  else if (!/^\d+$/.test(user)) findings.push(`USER ${user} is not numeric (Kubernetes cannot verify runAsNonRoot)`);
  else if (Number(user) === 0) findings.push("USER is root (uid 0)");
  if (!final.some((i) => i.keyword === "HEALTHCHECK" && !/^NONE\b/i.test(i.args))) findings.push("final stage has no HEALTHCHECK");
  if (!final.some((i) => i.keyword === "EXPOSE" && i.args.split(/\s+/).includes(String(policy.port)))) findings.push(`final stage does not EXPOSE ${policy.port}`);
  if (!final.some((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT")) findings.push("final stage has no CMD");
  for (const i of instructions) {
    if (i.keyword === "ENV" || i.keyword === "ARG") {
      for (const m of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
        if (SECRET_NAME.test(m[1]!)) findings.push(`line ${i.line}: ${i.keyword} ${m[1]} puts a credential into the image`);
      }
    }
    if (i.keyword === "RUN" && /bun install/.test(i.args) && !/--production|--omit[= ]dev/.test(i.args)) findings.push(`line ${i.line}: bun install without --production`);
    if ((i.keyword === "COPY" || i.keyword === "ADD") && !/--from=/.test(i.args)) {
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith("--"));
      for (const source of parts.slice(0, -1)) {
        if (!policy.exists(source)) findings.push(`line ${i.line}: ${i.keyword} source ${source} does not exist`);
      }
    }
    if (i.keyword === "ADD" && /^https?:/.test(i.args)) findings.push(`line ${i.line}: ADD from a URL`);
  }
  return findings;
}
