// The base and platform images, built with podman from the Containerfiles in ./images and saved as
// docker archives under IMAGES, which `up` loads into the node's containerd. No registry is used:
// the Debian rootfs comes from debootstrap and every binary from the Go module proxy or npm.
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BIN, CERT_MANAGER_COMMANDS, DAPR_COMMANDS, IMAGES, SRC, VERSIONS } from "./config.ts";
import { goModuleDir } from "./build-kubernetes.ts";
import { pebbleTestCerts } from "./build-go.ts";
import { run } from "./sh.ts";

const CONTAINERFILES = join(import.meta.dir, "images");
export const BASE_IMAGE = `localhost/debian:${VERSIONS.debian}-minbase`;
export const BUN_IMAGE = `docker.io/oven/bun:${VERSIONS.bun}-slim`;
export const PAUSE_IMAGE = `registry.k8s.io/pause:${VERSIONS.pause}`;
export const COREDNS_IMAGE = `localhost/coredns:${VERSIONS.coredns.slice(1)}`;
export const POSTGRES_IMAGE = `localhost/postgres-standin:${VERSIONS.postgres}`;
export const KAFKA_IMAGE = `localhost/kafka-standin:${VERSIONS.kafka}`;
export const daprImage = (cmd: string) => `localhost/dapr/${cmd}:${VERSIONS.dapr}`;
export const TRAEFIK_IMAGE = `localhost/traefik:${VERSIONS.traefik}`;
export const PEBBLE_IMAGE = `localhost/pebble:${VERSIONS.pebble}`;
/** The chart's default tag is its appVersion, so only the repository is overridden (docs/deploy.md). */
export const certManagerImage = (cmd: string) => `localhost/cert-manager/${cmd}:${VERSIONS.certManager}`;

/** A fresh build context: the Containerfile folder plus extra files. */
function context(name: string, extra: Record<string, string> = {}): string {
  const dir = join(SRC, "ctx", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(CONTAINERFILES, name), dir, { recursive: true });
  for (const [to, from] of Object.entries(extra)) cpSync(from, join(dir, to), { recursive: true });
  return dir;
}

/** podman build, then a docker archive in IMAGES named after the file stem. */
export async function buildImage(tag: string, ctx: string, file: string, args: string[] = []): Promise<void> {
  await run(["podman", "build", "--pull=never", "--format", "docker", ...args, "-t", tag, ctx], {
    nice: true,
  });
  await saveImage(tag, file);
}

export async function saveImage(tag: string, file: string): Promise<void> {
  mkdirSync(IMAGES, { recursive: true });
  rmSync(join(IMAGES, `${file}.tar`), { force: true });
  await run(["podman", "save", "--format", "docker-archive", "-o", join(IMAGES, `${file}.tar`), tag], {
    quiet: true,
  });
}

function debianMirror(): string {
  const sources = readFileSync("/etc/apt/sources.list.d/debian.sources", "utf8");
  return sources.match(/^URIs:\s*(\S+)/m)?.[1] ?? "http://deb.debian.org/debian";
}

export async function buildRootfs(): Promise<void> {
  const rootfs = join(SRC, "rootfs");
  rmSync(rootfs, { recursive: true, force: true });
  await run(["debootstrap", "--variant=minbase", VERSIONS.debian, rootfs, debianMirror()], {
    nice: true,
    quiet: true,
  });
  for (const d of ["var/cache/apt/archives", "var/lib/apt/lists"]) {
    rmSync(join(rootfs, d), { recursive: true, force: true });
    mkdirSync(join(rootfs, d, "partial"), { recursive: true });
  }
  const tar = Bun.spawn(["tar", "-C", rootfs, "-c", "."], { stdout: "pipe" });
  const imp = Bun.spawn(["podman", "import", "--change", 'CMD ["/bin/bash"]', "-", BASE_IMAGE], {
    stdin: tar.stdout,
    stdout: "ignore",
  });
  if ((await imp.exited) !== 0 || (await tar.exited) !== 0)
    throw new Error(`podman import of ${rootfs} failed`);
  rmSync(rootfs, { recursive: true, force: true });
}

export async function buildBunBase(): Promise<void> {
  const pkg = join(SRC, "bun-npm");
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg, { recursive: true });
  await run(["npm", "pack", "--silent", `@oven/bun-linux-x64@${VERSIONS.bun}`], { cwd: pkg, quiet: true });
  await run(["sh", "-c", "tar xzf oven-bun-linux-x64-*.tgz"], { cwd: pkg });
  const ctx = context("bun-base", {
    bun: join(pkg, "package", "bin", "bun"),
    "host-ca-bundle.crt": "/etc/ssl/certs/ca-certificates.crt",
  });
  await buildImage(BUN_IMAGE, ctx, "bun-base");
  rmSync(pkg, { recursive: true, force: true });
}

export async function buildPause(): Promise<void> {
  const source = join(
    await goModuleDir("k8s.io/kubernetes", VERSIONS.kubernetes),
    "build",
    "pause",
    "linux",
    "pause.c",
  );
  const ctx = context("pause");
  await run([
    "gcc",
    "-Os",
    "-Wall",
    "-Werror",
    "-static",
    `-DVERSION=v${VERSIONS.pause}-local`,
    "-o",
    join(ctx, "pause"),
    source,
  ]);
  await run(["strip", join(ctx, "pause")]);
  await buildImage(PAUSE_IMAGE, ctx, "pause");
}

type BinaryImage = {
  tag: string;
  bin: string;
  file: string;
  entrypoint?: boolean;
  extra?: Record<string, string>;
};

/** One static binary on an empty image (uid 65532, a CA bundle); with `entrypoint`, the image runs it. */
async function buildBinaryImage({ tag, bin, file, entrypoint, extra = {} }: BinaryImage): Promise<void> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build it first`);
  const name = bin.split("/").pop() as string;
  const ctx = context("scratch-binary", {
    [name]: bin,
    "ca-certificates.crt": "/etc/ssl/certs/ca-certificates.crt",
    ...extra,
  });
  // Charts that set only `args` (cert-manager's, the Traefik and Pebble manifests) need the image's entry point.
  for (const path of Object.keys(extra))
    appendFileSync(join(ctx, "Containerfile"), `COPY ${path} /${path}\n`);
  if (entrypoint) appendFileSync(join(ctx, "Containerfile"), `ENTRYPOINT ["/${name}"]\n`);
  await buildImage(tag, ctx, file, ["--build-arg", `BIN=${name}`]);
}

/** CoreDNS and each Dapr command on an empty image (uid 65532). */
export async function buildBinaryImages(): Promise<void> {
  const items: BinaryImage[] = [
    { tag: COREDNS_IMAGE, bin: join(BIN, "coredns"), file: "coredns" },
    ...DAPR_COMMANDS.map((c) => ({ tag: daprImage(c), bin: join(BIN, "dapr", c), file: `dapr-${c}` })),
  ];
  for (const item of items) await buildBinaryImage(item);
}

/** The ingress and its certificates: Traefik, cert-manager's four commands, and Pebble with its test certificates. */
export async function buildIngressImages(): Promise<void> {
  const items: BinaryImage[] = [
    { tag: TRAEFIK_IMAGE, bin: join(BIN, "traefik", "traefik"), file: "traefik", entrypoint: true },
    {
      tag: PEBBLE_IMAGE,
      bin: join(BIN, "pebble", "pebble"),
      file: "pebble",
      entrypoint: true,
      extra: { "test/certs": await pebbleTestCerts() },
    },
    ...CERT_MANAGER_COMMANDS.map((c) => ({
      tag: certManagerImage(c),
      bin: join(BIN, "cert-manager", c),
      file: `cert-manager-${c}`,
      entrypoint: true,
    })),
  ];
  for (const item of items) await buildBinaryImage(item);
}

export async function buildPostgres(): Promise<void> {
  await buildImage(POSTGRES_IMAGE, context("postgres"), "postgres");
}

/** The Kafka jars the project already fetches from Maven Central (scripts/infra/kafka.ts). */
export async function buildKafka(): Promise<void> {
  const { fetchKafka } = await import("../kafka.ts");
  const libs = await fetchKafka();
  await buildImage(KAFKA_IMAGE, context("kafka", { libs }), "kafka");
}
