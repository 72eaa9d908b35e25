// Needs Kafka (npm run infra:up, or KAFKA_BROKERS): replays a real dead-letter topic.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { type Admin, Kafka, logLevel } from "kafkajs";
import { ignoreKafkajsTimerWarning } from "../../services/platform/bus/kafkajs-timer-warning";
import { testKafkaBrokers } from "../../services/platform/testing/infra";
import { replayDlq, replayHeaders } from "./dlq-replay";

const brokers = testKafkaBrokers.split(",");
ignoreKafkajsTimerWarning();
const kafka = new Kafka({ clientId: "dlq-replay-test", brokers, logLevel: logLevel.NOTHING });
const topic = `replay-test-${crypto.randomUUID().slice(0, 8)}`;
const quiet = { log: () => {} };
let admin: Admin;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: 1 },
      { topic: `${topic}.dlq`, numPartitions: 2 },
    ],
  });
}, 30_000);

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => {});
  await admin.disconnect();
});

async function deadLetter(ids: string[]) {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: `${topic}.dlq`,
    messages: ids.map((id) => ({
      key: `task-${id}`,
      value: Buffer.from([1, 2, 3, id.length]),
      headers: {
        ce_id: id,
        "content-type": "application/protobuf",
        "x-dlq-error": "boom",
        "x-dlq-original-topic": topic,
      },
    })),
  });
  await producer.disconnect();
}

async function readTarget(count: number): Promise<Array<{ key: string; headers: Record<string, string> }>> {
  const consumer = kafka.consumer({ groupId: `reader-${crypto.randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: Array<{ key: string; headers: Record<string, string> }> = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 8_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        seen.push({ key: String(message.key), headers });
        if (seen.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}

test("replayHeaders keeps the event headers and drops the DLQ diagnosis", () => {
  expect(replayHeaders({ ce_id: "1", "x-dlq-error": "e", traceparent: "t" })).toEqual({ ce_id: "1", traceparent: "t" });
});

test("replays each dead letter once, to its topic, without x-dlq headers; dry runs change nothing", async () => {
  await deadLetter(["a", "b"]);
  expect((await replayDlq({ brokers, topic, dryRun: true, ...quiet })).replayed).toBe(2);
  expect((await replayDlq({ brokers, topic, dryRun: false, ...quiet })).replayed).toBe(2);
  expect((await replayDlq({ brokers, topic, dryRun: false, ...quiet })).replayed).toBe(0);
  await deadLetter(["c"]);
  expect((await replayDlq({ brokers, topic, dryRun: false, ...quiet })).replayed).toBe(1);

  const replayed = await readTarget(3);
  expect(replayed.map((m) => m.key).sort()).toEqual(["task-a", "task-b", "task-c"]);
  for (const message of replayed) {
    expect(message.headers.ce_id).toBeDefined();
    expect(Object.keys(message.headers).filter((h) => h.startsWith("x-dlq-"))).toEqual([]);
  }
}, 60_000);
