// A real single-node Apache Kafka broker (KRaft, no ZooKeeper, no Docker) for tests and local runs.
// The jars come from Maven Central via ./kafka/pom.xml and are cached outside the repo.
//
//   bun scripts/infra/kafka.ts fetch                 download the jars (once)
//   bun scripts/infra/kafka.ts start [--port 9092] [--data-dir DIR]
//   bun scripts/infra/kafka.ts status [--port 9092]
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
// The probes use @platformatic/kafka, as the services do: kafkajs' request queue computed a timer
// from a zero timestamp at every start ("TimeoutNegativeWarning: -1796566862200 is a negative number").
import { Admin, Producer, stringSerializers } from "@platformatic/kafka";
import { freePort } from "./free-port.ts";
import { brokerProperties, LOG4J_PROPERTIES } from "./kafka/broker-config.ts";

const POM = join(import.meta.dir, "kafka", "pom.xml");
export const KAFKA_VERSION = readFileSync(POM, "utf8").match(/<kafka\.version>([^<]+)</)![1]!;
const LIBS = join(homedir(), ".cache", "chat-todo", `kafka-${KAFKA_VERSION}`, "libs");
const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
// Small heap and serial GC: the broker shares 2 cores with the services and tests. C1 only: JIT-compiling
// the broker's start-up with C2 costs ~1.5s of those cores, and a test broker never runs long enough to gain it back.
const JVM_OPTS = [
  "-Xms256m",
  "-Xmx512m",
  "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1",
  "-XX:-UsePerfData",
  "-XX:+ExitOnOutOfMemoryError",
  "-Djava.awt.headless=true",
];
// Class-data sharing archive of Kafka's own classes: halves JVM start again (~2.7s -> ~1.5s).
// The first broker to exit cleanly dumps it; a stale or broken archive is ignored by the JVM (-Xshare:auto).
const CDS_ARCHIVE = join(LIBS, "..", "classes.jsa");
// `bun test` neither emits "exit" nor kills child processes, so a test that never calls stop() would leave
// the JVM running: the kernel (Linux parent-death signal) kills it instead when this process goes away.
const ORPHAN_GUARD = Bun.which("setpriv") ? ["setpriv", "--pdeathsig", "KILL", "--"] : [];
const TEMP_PREFIX = "chat-todo-kafka-";
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export interface KafkaBroker {
  brokers: string; // bootstrap address, "127.0.0.1:<port>"
  port: number;
  dataDir: string;
  logFile: string; // broker stdout/stderr and log4j output
  stop(): Promise<void>;
  kill(): void; // SIGKILL, for fault tests
  restart(): Promise<void>; // same port and data dir
}

/** Downloads the broker's jars into the cache once; returns the libs directory. */
export async function fetchKafka(): Promise<string> {
  if (existsSync(join(LIBS, `kafka_2.13-${KAFKA_VERSION}.jar`))) return LIBS;
  console.error(`kafka: fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${LIBS} ...`);
  const started = performance.now();
  // Copy into a private dir and rename, so a concurrent or interrupted fetch never leaves half a libs dir.
  const tmp = `${LIBS}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  // Output is only shown on failure: even with -q, Maven prints stray colour codes.
  const mvn = Bun.spawnSync([
    "mvn",
    "-q",
    "-B",
    "-f",
    POM,
    "dependency:copy-dependencies",
    "-DincludeScope=runtime",
    `-DoutputDirectory=${tmp}`,
  ]);
  if (!mvn.success)
    throw new Error(
      `kafka: mvn dependency:copy-dependencies failed (exit ${mvn.exitCode}):\n${mvn.stdout}${mvn.stderr}`,
    );
  try {
    renameSync(tmp, LIBS);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(LIBS)) throw err; // otherwise another process won the race
  }
  const jars = readdirSync(LIBS);
  const mb = jars.reduce((sum, f) => sum + statSync(join(LIBS, f)).size, 0) / 1e6;
  console.error(
    `kafka: fetched ${jars.length} jars (${mb.toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
  return LIBS;
}

/**
 * A broker on `port` (or a free one) with its data in `dataDir` (or a temp folder removed on stop),
 * ready to serve groups and idempotent producers when this resolves.
 * @example const kafka = await startKafka(); // kafka.brokers is "127.0.0.1:<port>"; then await kafka.stop()
 */
export async function startKafka(
  opts: { port?: number; dataDir?: string; onCrash?: (exitCode: number | null) => void } = {},
): Promise<KafkaBroker> {
  const libs = await fetchKafka();
  const port = opts.port ?? (await freePort());
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  sweepStaleTempDirs();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  const ownsDir = !opts.dataDir;
  const files: BrokerFiles = {
    libs,
    logFile: join(dataDir, "broker.log"),
    config: join(dataDir, "server.properties"),
    log4j: join(dataDir, "log4j2.properties"),
  };
  mkdirSync(dataDir, { recursive: true });
  if (ownsDir) tempDirs.add(dataDir);
  writeFileSync(files.config, brokerProperties({ port, controllerPort, logDirs: join(dataDir, "data") }));
  writeFileSync(files.log4j, LOG4J_PROPERTIES);
  // Storage is formatted once; a restart or a reused dataDir keeps its cluster id and data.
  if (!existsSync(join(dataDir, "data", "meta.properties"))) formatStorage(files, dataDir);

  const broker = brokerProcess(files, port, controllerPort, opts.onCrash);
  let stopped = false;
  await broker.launch().catch(async (err) => {
    await broker.stop();
    if (ownsDir) removeDir(dataDir);
    throw err;
  });
  return {
    brokers: `127.0.0.1:${port}`,
    port,
    dataDir,
    logFile: files.logFile,
    async stop() {
      stopped = true;
      await broker.stop();
      if (ownsDir) removeDir(dataDir);
    },
    kill: broker.kill,
    async restart() {
      if (stopped) throw new Error("kafka: restart() after stop()");
      await broker.stop();
      await broker.exited(); // after kill() the process may still be exiting
      await broker.launch();
    },
  };
}

interface BrokerFiles {
  /** The jars' folder. */
  libs: string;
  /** The broker's stdout/stderr and log4j output. */
  logFile: string;
  config: string;
  log4j: string;
}

function formatStorage(files: BrokerFiles, dataDir: string): void {
  // A cluster id is 16 random bytes in base64url; one starting with "-" would be read as a flag.
  const clusterId = randomBytes(16).toString("base64url").replace(/^-/, "A");
  const cds = existsSync(CDS_ARCHIVE) ? [`-XX:SharedArchiveFile=${CDS_ARCHIVE}`] : [];
  const format = Bun.spawnSync([
    JAVA,
    "-Xmx128m",
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
    ...cds,
    `-Dlog4j2.configurationFile=${files.log4j}`,
    "-cp",
    `${files.libs}/*`,
    "kafka.tools.StorageTool",
    "format",
    "--config",
    files.config,
    "--cluster-id",
    clusterId,
    "--ignore-formatted",
  ]);
  if (!format.success)
    throw new Error(`kafka: formatting ${dataDir} failed:\n${format.stdout}${format.stderr}`);
}

/**
 * The broker's JVM, launched and relaunched on the same ports and files. An exit not asked for (by
 * stop() or kill()) after it was ready goes to `onCrash`, or is logged.
 */
function brokerProcess(
  files: BrokerFiles,
  port: number,
  controllerPort: number,
  onCrash: ((exitCode: number | null) => void) | undefined,
) {
  let proc: ReturnType<typeof Bun.spawn> | undefined;
  let stopping = false; // exits we asked for are not crashes

  async function launch(): Promise<void> {
    if (!(await isPortFree(port))) throw new Error(`kafka: port ${port} on 127.0.0.1 is already in use`);
    if (!(await isPortFree(controllerPort)))
      throw new Error(`kafka: controller port ${controllerPort} is already in use`);
    const dump = existsSync(CDS_ARCHIVE) ? undefined : `${CDS_ARCHIVE}.tmp-${process.pid}-${port}`;
    const child = spawnBroker(files, dump);
    proc = child;
    stopping = false;
    await waitReady(`127.0.0.1:${port}`, child, files.logFile);
    child.exited.then((code) => {
      if (stopping || proc !== child) return;
      if (onCrash) onCrash(code);
      else
        console.error(`kafka: broker on ${port} exited unexpectedly (code ${code}); log: ${files.logFile}`);
    });
  }

  async function stop(): Promise<void> {
    const child = proc;
    stopping = true;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM"); // controlled shutdown: flushes logs and writes the clean-shutdown marker
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await child.exited;
    clearTimeout(timer);
  }

  return {
    launch,
    stop,
    kill() {
      stopping = true;
      proc?.kill("SIGKILL");
    },
    exited: async () => void (await proc?.exited),
  };
}

// Starts the JVM; with `dump` set (no class-data archive yet) it writes one there on a clean exit,
// renamed into place if no other broker got there first.
function spawnBroker(files: BrokerFiles, dump: string | undefined) {
  const out = openSync(files.logFile, "a");
  const cds = dump ? `-XX:ArchiveClassesAtExit=${dump}` : `-XX:SharedArchiveFile=${CDS_ARCHIVE}`;
  const child = Bun.spawn(
    [
      ...ORPHAN_GUARD,
      JAVA,
      ...JVM_OPTS,
      cds,
      `-Dlog4j2.configurationFile=${files.log4j}`,
      "-cp",
      `${files.libs}/*`,
      "kafka.Kafka",
      files.config,
    ],
    { stdout: out, stderr: out, stdin: "ignore" },
  );
  closeSync(out);
  liveBrokers.add(child);
  child.exited.then(() => {
    liveBrokers.delete(child);
    if (!dump || !existsSync(dump)) return;
    // A SIGKILLed JVM may have left half an archive.
    if (child.signalCode === null && !existsSync(CDS_ARCHIVE)) renameSync(dump, CDS_ARCHIVE);
    else rmSync(dump, { force: true });
  });
  return child;
}

/** Whether a Kafka broker answers on 127.0.0.1:<port>; resolves to its (non-internal) topic names, or undefined. */
export async function kafkaStatus(port: number): Promise<string[] | undefined> {
  const admin = probeAdmin(`127.0.0.1:${port}`);
  try {
    return (await admin.listTopics()).filter((t) => !t.startsWith("__"));
  } catch {
    return undefined; // nothing answers: that is the answer
  } finally {
    await admin.close().catch(() => {}); // a connection that never opened has nothing to close
  }
}

// One attempt, a short connect timeout: the caller polls.
const probeAdmin = (brokers: string) =>
  new Admin({ clientId: "kafka-infra", bootstrapBrokers: [brokers], connectTimeout: 1000, retries: 0 });

async function waitReady(
  brokers: string,
  child: ReturnType<typeof Bun.spawn>,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `kafka: broker exited during startup (code ${child.exitCode ?? child.signalCode}). Log tail (${logFile}):\n${tail(logFile)}`,
      );
    }
    // Metadata without brokers means the broker is not registered/unfenced yet.
    const admin = probeAdmin(brokers);
    try {
      const cluster = await admin.metadata({ forceUpdate: true });
      if (cluster.brokers.size > 0) return await warmUp(brokers);
    } catch {
      // not up yet
    } finally {
      await admin.close().catch(() => {});
    }
    await Bun.sleep(200);
  }
  throw new Error(
    `kafka: broker not ready on ${brokers} after ${READY_TIMEOUT_MS / 1000}s. Log tail (${logFile}):\n${tail(logFile)}`,
  );
}

// The group coordinator (which creates __consumer_offsets on first use) and the producer-id manager
// answer "loading" for a moment after start; clients retry, but log scary errors. Wait for them here instead.
async function warmUp(brokers: string): Promise<void> {
  // Retried here (the clients' own default): "loading" is the answer being waited out.
  const base = { clientId: "kafka-infra", bootstrapBrokers: [brokers], retries: 20, retryDelay: 100 };
  const admin = new Admin(base);
  const producer = new Producer({ ...base, idempotent: true, serializers: stringSerializers });
  try {
    await admin.describeGroups({ groups: ["kafka-infra-warm-up"] });
    await producer.initIdempotentProducer({});
  } finally {
    await Promise.all([admin.close(), producer.close()]).catch(() => {});
  }
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

// Temp dirs of runs that died without stop() (and without an "exit" event, as under `bun test`).
function sweepStaleTempDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.slice(TEMP_PREFIX.length).split("-")[0]);
    if (!name.startsWith(TEMP_PREFIX) || !pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ESRCH")
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

// A script that fails before stop() must not leave a JVM (or its temp dir) behind.
const liveBrokers = new Set<ReturnType<typeof Bun.spawn>>();
const tempDirs = new Set<string>();
process.on("exit", () => {
  for (const child of liveBrokers) child.kill("SIGKILL");
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

if (import.meta.main) {
  cli(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

async function cli([cmd, ...rest]: string[]): Promise<void> {
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const port = Number(flag("--port") ?? 9092);
  if (cmd === "fetch") {
    console.log(await fetchKafka());
  } else if (cmd === "status") {
    const topics = await kafkaStatus(port);
    console.log(
      topics
        ? `kafka: broker answers on 127.0.0.1:${port} (${topics.length} topics)`
        : `kafka: nothing answers on 127.0.0.1:${port}`,
    );
    process.exit(topics ? 0 : 1);
  } else if (cmd === "start") {
    const started = performance.now();
    const broker = await startKafka({
      port,
      dataDir: flag("--data-dir"),
      onCrash: (code) => {
        console.error(`kafka: broker exited unexpectedly (code ${code}); log: ${broker.logFile}`);
        process.exit(1);
      },
    });
    console.error(
      `kafka: Kafka ${KAFKA_VERSION} ready in ${((performance.now() - started) / 1000).toFixed(1)}s, data in ${broker.dataDir}; Ctrl-C to stop`,
    );
    console.log(broker.brokers);
    const shutdown = async () => {
      console.error("kafka: stopping ...");
      await broker.stop();
      process.exit(0);
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  } else {
    console.error(
      "usage: bun scripts/infra/kafka.ts fetch | start [--port 9092] [--data-dir DIR] | status [--port 9092]",
    );
    process.exit(2);
  }
}
