// The single-node broker's configuration files (KRaft: the one node is broker and controller).
// Plain text from the ports and the data folder, so a test can read what the broker is told.

/** server.properties for one node on 127.0.0.1: clients on `port`, the controller on `controllerPort`. */
export function brokerProperties(opts: { port: number; controllerPort: number; logDirs: string }): string {
  const { port, controllerPort } = opts;
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${opts.logDirs}
num.partitions=3
# One broker: internal topics cannot have more replicas, and few partitions make the first group join fast.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After a SIGKILL the new broker cannot register until the old registration's session expires (default 9s).
broker.session.timeout.ms=3000
broker.heartbeat.interval.ms=1000
# The default 128 MB compaction buffer would take a quarter of the 512 MB heap.
log.cleaner.dedupe.buffer.size=16777216
`;
}

/** Log4j 2 to the console (which the broker's log file receives), INFO and up. */
export const LOG4J_PROPERTIES = `rootLogger.level=INFO
rootLogger.appenderRef.out.ref=out
appender.out.type=Console
appender.out.name=out
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=[%d] %p %m (%c)%n
`;
