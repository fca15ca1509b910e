import { Admin } from "@platformatic/kafka";

/** Points a consumer group at the current end of a topic, so it sees only what comes next. */
export async function skipToEnd(brokers: string, group: string, topic: string): Promise<void> {
  const admin = new Admin({ clientId: "skip-to-end", bootstrapBrokers: [brokers] });
  try {
    const metadata = await admin.metadata({ topics: [topic] });
    const partitions = Array.from(
      { length: metadata.topics.get(topic)!.partitionsCount },
      (_, partitionIndex) => ({ partitionIndex, timestamp: -1n }),
    );
    const [ends] = await admin.listOffsets({ topics: [{ name: topic, partitions }] });
    await admin.alterConsumerGroupOffsets({
      groupId: group,
      topics: [
        {
          name: topic,
          partitionOffsets: ends!.partitions.map((p) => ({ partition: p.partitionIndex, offset: p.offset })),
        },
      ],
    });
  } finally {
    await admin.close();
  }
}
