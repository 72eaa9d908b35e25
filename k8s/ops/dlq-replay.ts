// Replays a dead-letter topic `<topic>.dlq` back into `<topic>` (or the topic named by the message's
// x-dlq-original-topic header): same key, value and headers, minus the x-dlq-* diagnosis. Consumers are
// idempotent on the event id (ce_id), so replaying a message that was handled after all is harmless.
//
// It stops once it has caught up with the end of the DLQ as it was at start, and remembers its position
// in the consumer group `dlq-replay.<topic>`, so a second run replays only what failed since.
//
// On the cluster it runs inside a service container (the image has Bun and kafkajs, the pod may reach
// Kafka, and the sidecar hands over the brokers from the secret store):
//   kubectl -n taskmesh exec -i deploy/audit -c app -- bun run - task-events < k8s/ops/dlq-replay.ts
// Locally: KAFKA_BROKERS=127.0.0.1:59092 bun k8s/ops/dlq-replay.ts task-events [--dry-run]
import { type IHeaders, Kafka, logLevel } from "kafkajs";
import { ignoreKafkajsTimerWarning } from "../../services/platform/bus/kafkajs-timer-warning";

const dlqHeaderPrefix = "x-dlq-";

/** replayHeaders keeps the event's own headers and drops the DLQ's diagnosis. */
export function replayHeaders(headers: IHeaders | undefined): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!name.startsWith(dlqHeaderPrefix) && value !== undefined) kept[name] = value;
  }
  return kept;
}

async function brokersFromEnvironment(): Promise<string[]> {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS.split(",");
  const store = process.env.DAPR_SECRET_STORE ?? "taskmesh-secrets";
  const port = process.env.DAPR_HTTP_PORT ?? "3500";
  const response = await fetch(`http://127.0.0.1:${port}/v1.0/secrets/${store}/taskmesh-secrets`);
  if (!response.ok) throw new Error(`no KAFKA_BROKERS and the Dapr secret store answered ${response.status}`);
  const secret = (await response.json()) as Record<string, string>;
  if (!secret["kafka-brokers"]) throw new Error("the taskmesh-secrets Secret has no kafka-brokers key");
  return secret["kafka-brokers"].split(",");
}

export interface ReplayResult {
  replayed: number;
}

/** replayDlq copies every message of `<topic>.dlq` not yet replayed back to its topic. */
export async function replayDlq(options: {
  brokers: string[];
  topic: string;
  dryRun: boolean;
  log: (line: string) => void;
}): Promise<ReplayResult> {
  const dlq = `${options.topic}.dlq`;
  const groupId = `dlq-replay.${options.topic}`;
  ignoreKafkajsTimerWarning();
  const kafka = new Kafka({ clientId: "taskmesh-dlq-replay", brokers: options.brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    const committed = new Map<number, bigint>();
    const groupOffsets = await admin.fetchOffsets({ groupId, topics: [dlq] });
    for (const partition of groupOffsets[0]?.partitions ?? [])
      committed.set(partition.partition, BigInt(partition.offset));
    for (const { partition, high, low } of await admin.fetchTopicOffsets(dlq)) {
      const start = committed.get(partition) ?? -1n;
      if (BigInt(high) > (start < 0n ? BigInt(low) : start)) ends.set(partition, BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) {
    options.log(`${dlq}: nothing to replay`);
    return { replayed: 0 };
  }

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId });
  await producer.connect();
  await consumer.connect();
  let replayed = 0;
  try {
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
      consumer
        .run({
          autoCommit: !options.dryRun,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition);
            if (end !== undefined && BigInt(message.offset) < end) {
              const original = message.headers?.["x-dlq-original-topic"]?.toString() ?? options.topic;
              const why = message.headers?.["x-dlq-error"]?.toString() ?? "";
              options.log(
                `${options.dryRun ? "would replay" : "replay"} ${dlq}[${partition}]@${message.offset} -> ${original}  (${why})`,
              );
              if (!options.dryRun) {
                await producer.send({
                  topic: original,
                  messages: [{ key: message.key, value: message.value, headers: replayHeaders(message.headers) }],
                });
              }
              replayed++;
            }
            if (end === undefined || BigInt(message.offset) >= end - 1n) ends.delete(partition);
            if (ends.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  options.log(`${dlq}: ${options.dryRun ? "would replay" : "replayed"} ${replayed} message(s)`);
  return { replayed };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const topic = args.find((a) => !a.startsWith("--"))?.replace(/\.dlq$/, "");
  if (!topic) {
    console.error("usage: dlq-replay <topic> [--dry-run]   (replays <topic>.dlq into <topic>)");
    process.exit(2);
  }
  try {
    await replayDlq({
      brokers: await brokersFromEnvironment(),
      topic,
      dryRun: args.includes("--dry-run"),
      log: (l) => console.log(l),
    });
  } catch (error) {
    console.error(`dlq-replay: ${(error as Error).message}`);
    process.exit(1);
  }
}
