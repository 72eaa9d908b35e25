import { type Consumer, type IHeaders, Kafka, logLevel, type Producer } from "kafkajs";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import { DeliveryAbandoned, deliver, type RetryPolicy } from "./delivery";
import type { EventBus, ReceivedMessage } from "./event-bus";
import type { BusMessage } from "./event-codec";
import { ignoreKafkajsTimerWarning } from "./kafkajs-timer-warning";

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  metrics: Metrics;
  partitions?: number;
  retryPolicy?: RetryPolicy;
}

const headersToRecord = (headers: IHeaders | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
};

/** batchRunMax bounds the messages a subscription's handleBatch gets at once. */
const batchRunMax = 500;

/** createKafkaBus is the EventBus over Apache Kafka (kafkajs): idempotent producer, at-least-once consumers. */
export function createKafkaBus(options: KafkaBusOptions): EventBus {
  const { logger, metrics } = options;
  ignoreKafkajsTimerWarning();
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    // The outbox relay and the consumers retry on their own schedule; fail fast here.
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  let adminConnected: Promise<void> | undefined;
  const connectAdmin = () =>
    (adminConnected ??= admin.connect().catch((error) => {
      adminConnected = undefined;
      throw error;
    }));
  let producer: Producer | undefined;
  let producerConnected: Promise<void> | undefined;
  const consumers: Consumer[] = [];
  /** Groups of live views (subscribeEveryReplica): deleted on close, never committed, so none outlives its replica. */
  const ephemeralGroups: string[] = [];
  /** Partitions whose handler is waiting for a dependency, as "group topic/partition". */
  const stalled = new Set<string>();
  let stopping = false;

  const getProducer = async (): Promise<Producer> => {
    producer ??= kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    producerConnected ??= producer.connect().catch((error) => {
      producerConnected = undefined;
      throw error;
    });
    await producerConnected;
    return producer;
  };

  const publish = async (topic: string, messages: BusMessage[]) => {
    if (messages.length === 0) return;
    const p = await getProducer();
    await p.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: Buffer.from(m.value), headers: m.headers })),
    });
  };

  const publishAll = async (batches: { topic: string; messages: BusMessage[] }[]) => {
    const topicMessages = batches
      .filter((b) => b.messages.length > 0)
      .map(({ topic, messages }) => ({
        topic,
        messages: messages.map((m) => ({ key: m.key, value: Buffer.from(m.value), headers: m.headers })),
      }));
    if (topicMessages.length === 0) return;
    await (await getProducer()).sendBatch({ acks: -1, topicMessages });
  };

  const deadLetter = async (topic: string, message: ReceivedMessage, headers: Record<string, string>) => {
    await publish(topic, [{ key: message.key, value: message.value, headers: { ...message.headers, ...headers } }]);
  };

  /**
   * sweepAbandonedGroups deletes empty groups of the same live view left by replicas that were killed
   * (their members are gone after the session timeout); groups with members are another replica's.
   */
  const sweepAbandonedGroups = async (groupId: string) => {
    const view = groupId.replace(/-[0-9a-f-]{36}$/, "-");
    if (view === groupId) return;
    await connectAdmin();
    const { groups } = await admin.listGroups();
    const candidates = groups.map((g) => g.groupId).filter((id) => id.startsWith(view) && id !== groupId);
    if (candidates.length === 0) return;
    const described = await admin.describeGroups(candidates);
    const empty = described.groups.filter((g) => g.state === "Empty" || g.state === "Dead").map((g) => g.groupId);
    if (empty.length === 0) return;
    await admin.deleteGroups(empty);
    logger.info({ groups: empty }, "deleted abandoned live-view consumer groups");
  };

  /** watchConsumer logs at info when a consumer loses the broker and when it is back in its group. */
  const watchConsumer = (consumer: Consumer, groupId: string) => {
    let lostAt: number | undefined;
    let attempts = 0;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      attempts += 1;
      if (lostAt !== undefined) return; // one line per outage, however many reconnect attempts it takes
      lostAt = Date.now();
      logger.info(
        { group: groupId, reason: payload.error?.message, restart: payload.restart },
        "consumer lost the broker; reconnecting",
      );
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      if (lostAt !== undefined) {
        logger.info(
          { group: groupId, partitions: payload.memberAssignment, outageMs: Date.now() - lostAt, attempts },
          "consumer back in its group",
        );
      }
      lostAt = undefined;
      attempts = 0;
    });
  };

  return {
    kind: "kafka",
    async ensureTopics(names) {
      await connectAdmin();
      const existing = new Set(await admin.listTopics());
      const missing = names.filter((name) => !existing.has(name));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: options.partitions ?? 3, replicationFactor: -1 })),
      });
      logger.info({ topics: missing }, "created topics");
    },
    publish,
    publishAll,
    async subscribe(subscription) {
      const ephemeral = subscription.ephemeral ?? false;
      if (ephemeral) {
        ephemeralGroups.push(subscription.groupId);
        await sweepAbandonedGroups(subscription.groupId).catch((error) =>
          logger.warn({ err: error }, "could not sweep abandoned live-view groups"),
        );
      }
      const consumer = kafka.consumer({
        groupId: subscription.groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: 100,
        retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
      });
      consumers.push(consumer);
      watchConsumer(consumer, subscription.groupId);
      await consumer.connect();
      await consumer.subscribe({ topics: subscription.topics, fromBeginning: subscription.fromBeginning ?? true });
      const joined = new Promise<void>((resolve) => {
        const stopListening = consumer.on(consumer.events.GROUP_JOIN, () => {
          stopListening();
          resolve();
        });
        setTimeout(resolve, 10_000);
      });
      await consumer.run({
        partitionsConsumedConcurrently: subscription.concurrency ?? 1,
        // A live view's group never commits: it has no history to keep, and a group without offsets is removed
        // by the broker once its member is gone, even after a kill -9.
        autoCommit: !ephemeral,
        autoCommitInterval: 500,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
          const lagLabels = { group: subscription.groupId, topic: batch.topic, partition: String(batch.partition) };
          const where = `${subscription.groupId} ${batch.topic}/${batch.partition}`;
          const partition = [{ topic: batch.topic, partitions: [batch.partition] }];
          const received = (record: (typeof batch.messages)[number]): ReceivedMessage => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: record.offset,
            key: record.key?.toString() ?? "",
            value: record.value ? new Uint8Array(record.value) : new Uint8Array(),
            headers: headersToRecord(record.headers),
          });
          for (let next = 0; next < batch.messages.length; next++) {
            if (!isRunning() || isStale()) break;
            if (subscription.handleBatch && next + 1 < batch.messages.length) {
              // A run of messages at once; if it fails, they go one at a time below (retries, dead letters).
              const run = batch.messages.slice(next, next + batchRunMax);
              const handled = await subscription.handleBatch(run.map(received)).then(
                () => true,
                (error: unknown) => {
                  logger.debug({ err: error, group: subscription.groupId }, "batch failed; one message at a time");
                  return false;
                },
              );
              if (handled) {
                const last = run.at(-1)!.offset;
                metrics.consumedEvents.inc(
                  { group: subscription.groupId, topic: batch.topic, outcome: "ok" },
                  run.length,
                );
                resolveOffset(last);
                if (!ephemeral) await commitOffsetsIfNecessary();
                await heartbeat();
                metrics.consumerLag.set(lagLabels, Math.max(0, Number(batch.highWatermark) - Number(last) - 1));
                next += run.length - 1;
                continue;
              }
            }
            const record = batch.messages[next]!;
            const message = received(record);
            try {
              await deliver(subscription, message, deadLetter, {
                logger,
                metrics,
                policy: options.retryPolicy,
                stopping: () => stopping || !isRunning() || isStale(),
                hooks: {
                  stalled: (error) => {
                    stalled.add(where);
                    metrics.consumerLag.set(
                      lagLabels,
                      Math.max(0, Number(batch.highWatermark) - Number(record.offset)),
                    );
                    consumer.pause(partition);
                    logger.info(
                      {
                        group: subscription.groupId,
                        topic: batch.topic,
                        partition: batch.partition,
                        offset: record.offset,
                        reason: String((error as Error)?.message ?? error).slice(0, 200),
                      },
                      "consumer paused: a dependency is unavailable; retrying until it is back",
                    );
                  },
                  recovered: () => {
                    stalled.delete(where);
                    consumer.resume(partition);
                    logger.info(
                      {
                        group: subscription.groupId,
                        topic: batch.topic,
                        partition: batch.partition,
                        offset: record.offset,
                      },
                      "consumer resumed",
                    );
                  },
                  keepAlive: () => heartbeat(),
                },
              });
            } catch (error) {
              if (!(error instanceof DeliveryAbandoned)) throw error;
              // Stopping or rebalanced while a dependency was down: the next owner starts at this message.
              stalled.delete(where);
              consumer.resume(partition);
              break;
            }
            // Only a handled (or dead-lettered) message moves the committed position: at-least-once.
            resolveOffset(record.offset);
            if (!ephemeral) await commitOffsetsIfNecessary();
            await heartbeat();
            metrics.consumerLag.set(lagLabels, Math.max(0, Number(batch.highWatermark) - Number(record.offset) - 1));
          }
        },
      });
      await joined;
    },
    async ping() {
      await connectAdmin();
      await admin.describeCluster();
    },
    stalledConsumers: () => [...stalled],
    async close() {
      stopping = true;
      // disconnect() lets the running batch finish its message and commits resolved offsets.
      await Promise.allSettled(consumers.map((c) => c.disconnect()));
      if (ephemeralGroups.length > 0) {
        await connectAdmin()
          .then(() => admin.deleteGroups(ephemeralGroups))
          .catch((error) =>
            logger.warn({ err: error, groups: ephemeralGroups }, "could not delete live-view consumer groups"),
          );
      }
      await Promise.allSettled([producer?.disconnect(), admin.disconnect()]);
    },
  };
}
