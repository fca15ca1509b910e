// The image policy, checked on the Dockerfiles' text (no Docker engine needed): the official Bun
// image pinned to the Bun the repository uses, a numeric non-root user, a health check, no
// credential in ENV/ARG, and COPY sources that exist. A Dockerfile with build arguments is read
// with the values one image is built with (dockerfile-stages.ts), so each image is checked.
import { resolveDockerfile } from "./dockerfile-stages.ts";
import { keyValues } from "./dockerfile-words.ts";

export interface DockerfilePolicy {
  /** The Bun version every stage's oven/bun image must carry (the repository's own Bun). */
  bunVersion: string;
  /** The port the service listens on; EXPOSE must name it. */
  port: number;
  /** Whether a path (relative to the build context) exists in the repository. */
  exists: (path: string) => boolean;
  /** The `--build-arg` values the image is built with. */
  buildArgs?: Record<string, string>;
}

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|DATABASE_URL)/i;

/** Findings for one Dockerfile built with `policy.buildArgs`; empty when it follows the policy. */
export function checkDockerfile(text: string, policy: DockerfilePolicy): string[] {
  let resolved: ReturnType<typeof resolveDockerfile>;
  try {
    resolved = resolveDockerfile(text, policy.buildArgs);
  } catch (error) {
    return [`does not build: ${(error as Error).message}`];
  }
  const { globalArgs, stages, target } = resolved;
  const findings: string[] = [];
  if (stages.length < 2) findings.push("not multi-stage (one FROM)");
  const pinned = new RegExp(
    `^oven/bun:${policy.bunVersion.replaceAll(".", "\\.")}(-(slim|alpine|debian|distroless))?(@sha256:[0-9a-f]{64})?$`,
  );
  for (const stage of stages) {
    if (!stage.parent && !pinned.test(stage.base))
      findings.push(`line ${stage.line}: FROM ${stage.base} is not oven/bun:${policy.bunVersion}[-variant]`);
  }
  // The final image's settings, inherited through the stages it is built FROM.
  const { user, healthcheck, expose, cmd, entrypoint } = target.config;
  const uid = user?.split(":")[0];
  if (!uid) findings.push("final stage sets no USER (runs as root)");
  else if (!/^\d+$/.test(uid))
    findings.push(`USER ${uid} is not numeric (Kubernetes cannot verify runAsNonRoot)`);
  else if (Number(uid) === 0) findings.push("USER is root (uid 0)");
  if (healthcheck.length === 0) findings.push("final stage has no HEALTHCHECK");
  if (!expose.includes(String(policy.port))) findings.push(`final stage does not EXPOSE ${policy.port}`);
  if (cmd.length === 0 && entrypoint.length === 0) findings.push("final stage has no CMD");
  for (const i of [...globalArgs, ...stages.flatMap((s) => s.instructions)]) {
    if (i.keyword === "ENV" || i.keyword === "ARG") {
      for (const { key } of keyValues(i.keyword, i.args)) {
        if (SECRET_NAME.test(key))
          findings.push(`line ${i.line}: ${i.keyword} ${key} puts a credential into the image`);
      }
    }
    if (i.keyword === "RUN" && /bun install/.test(i.args) && !/--production|--omit[= ]dev/.test(i.args))
      findings.push(`line ${i.line}: bun install without --production`);
    if ((i.keyword === "COPY" || i.keyword === "ADD") && !/--from=/.test(i.args)) {
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith("--"));
      for (const source of parts.slice(0, -1)) {
        if (!policy.exists(source))
          findings.push(`line ${i.line}: ${i.keyword} source ${source} does not exist`);
      }
    }
    if (i.keyword === "ADD" && /^https?:/.test(i.args)) findings.push(`line ${i.line}: ADD from a URL`);
  }
  return findings;
}
