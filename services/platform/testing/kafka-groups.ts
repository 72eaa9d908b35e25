import { Kafka, logLevel } from "kafkajs";
import { ignoreKafkajsTimerWarning } from "../bus/kafkajs-timer-warning";
import { testKafkaBrokers } from "./infra";

/**
 * startGroupsAtEnd commits fresh consumer groups' offsets at the current end of topics, so a test's
 * service reads only what is published from now on, not the history other runs left in the shared
 * topics. It is the one way a test starts a service's consumers somewhere else than a production group
 * would: the service keeps its own defaults and the test names the group by its config variable
 * (<SERVICE>_CONSUMER_GROUP). Must run before the groups' consumers start.
 *
 * Each group joins once, paused, commits every partition's end and leaves: one join per group (in
 * parallel) instead of admin.setOffsets' join per group and topic (≈5 s each on a fresh broker).
 */
export async function startGroupsAtEnd(groupIds: readonly string[], topics: readonly string[]): Promise<void> {
  ignoreKafkajsTimerWarning();
  const kafka = new Kafka({
    clientId: "test-group-admin",
    brokers: testKafkaBrokers.split(","),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  let ends: { topic: string; partition: number; offset: string }[];
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    ends = (
      await Promise.all(
        present.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ topic, partition, offset: high })),
        ),
      )
    ).flat();
  } finally {
    await admin.disconnect();
  }
  if (ends.length === 0) return;
  const present = [...new Set(ends.map((e) => e.topic))];
  await Promise.all(
    groupIds.map(async (groupId) => {
      const consumer = kafka.consumer({ groupId, rebalanceTimeout: 10_000 });
      await consumer.connect();
      try {
        const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
        await consumer.subscribe({ topics: present, fromBeginning: false });
        await consumer.run({ autoCommit: false, eachBatch: async () => {} });
        consumer.pause(present.map((topic) => ({ topic })));
        await joined;
        await consumer.commitOffsets(ends);
      } finally {
        await consumer.disconnect();
      }
    }),
  );
}

/** startGroupAtEnd is startGroupsAtEnd for one group and one topic. */
export const startGroupAtEnd = (groupId: string, topic: string) => startGroupsAtEnd([groupId], [topic]);
