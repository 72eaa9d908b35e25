import { afterAll, beforeAll, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { sql } from "drizzle-orm";
import { pgSchema } from "drizzle-orm/pg-core";
import { type TaskCreated, TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { type DatabaseHandle, openDatabase } from "../db/database";
import { processedEventsTable } from "../db/event-tables";
import { createLogger } from "../logger";
import { createMetrics } from "../metrics";
import { createTestDatabase, testKafkaBrokers } from "../testing/infra";
import { waitFor } from "../testing/wait";
import type { EventBus, ReceivedMessage } from "./event-bus";
import { type DecodedEvent, decodeEvent, encodeEvent, newEventMeta } from "./event-codec";
import { idempotentHandler, on } from "./idempotent-consumer";
import { createKafkaBus } from "./kafka-bus";

const logger = createLogger("bus-test", "silent");
const metrics = createMetrics();
const run = crypto.randomUUID().slice(0, 8);
const topic = `bus-test-${run}`;
let bus: EventBus;
let database: DatabaseHandle;
let dropDatabase: () => Promise<void>;
const schema = pgSchema("bus_test");
const processed = processedEventsTable(schema);

const taskCreated = (title: string): TaskCreated =>
  create(TaskCreatedSchema, {
    meta: newEventMeta({ userId: "user-1", correlationId: crypto.randomUUID() }),
    task: { id: `task-${title}`, title },
  });

beforeAll(async () => {
  const db = await createTestDatabase("bus");
  dropDatabase = db.drop;
  database = await openDatabase({ url: db.url, dataDir: ".data/test" });
  await database.db.execute(sql`create schema bus_test`);
  await database.db.execute(
    sql`create table bus_test.processed_events (consumer text not null, event_id text not null, processed_at timestamptz not null default now(), primary key (consumer, event_id))`,
  );
  bus = createKafkaBus({
    brokers: testKafkaBrokers.split(","),
    clientId: "bus-test",
    logger,
    metrics,
    retryPolicy: { retries: 1, initialBackoffMs: 10, maxBackoffMs: 10 },
  });
  await bus.ensureTopics([topic, `${topic}.dlq`]);
}, 60_000);

afterAll(async () => {
  await bus.close();
  await database.close();
  await dropDatabase();
}, 60_000);

test("an event round-trips through Kafka as protobuf with CloudEvents headers; poison goes to the DLQ; duplicates have one effect", async () => {
  const received: ReceivedMessage[] = [];
  const effects: DecodedEvent[] = [];
  const dead: ReceivedMessage[] = [];
  // Keys whose handling finished (a message is received before its effect commits).
  const settled: string[] = [];
  const handle = idempotentHandler({
    db: database.db,
    table: processed,
    consumer: `bus-test-${run}`,
    handlers: [
      on(TaskCreatedSchema, async (event) => {
        effects.push(event);
      }),
    ],
  });
  await bus.subscribe({
    groupId: `bus-test-${run}`,
    topics: [topic],
    handle: async (message) => {
      received.push(message);
      try {
        await handle(message);
      } finally {
        settled.push(message.key);
      }
    },
  });
  await bus.subscribe({
    groupId: `bus-test-dlq-${run}`,
    topics: [`${topic}.dlq`],
    handle: async (m) => void dead.push(m),
  });

  const first = encodeEvent(taskCreated("first"), "task-first", "/taskmesh/test");
  await bus.publish(topic, [first]);
  await bus.publish(topic, [
    { key: "poison", value: new Uint8Array([0xff, 0xff, 0xff]), headers: { ce_type: "todo.events.v1.TaskCreated" } },
  ]);
  // The same event delivered twice (a producer retry, a replay): one effect.
  await bus.publish(topic, [first]);
  const second = encodeEvent(taskCreated("second"), "task-second", "/taskmesh/test");
  await bus.publish(topic, [second]);

  const settledCount = (key: string) => settled.filter((k) => k === key).length;
  await waitFor(
    "both deliveries of first, second, and one dead letter handled",
    () => settledCount("task-first") >= 2 && settledCount("task-second") >= 1 && dead.length >= 1,
  );
  expect(effects.map((e) => (e.event as TaskCreated).task?.title).sort()).toEqual(["first", "second"]);

  // Messages of different keys may sit on different partitions and arrive in either order.
  const message = received.find((m) => m.key === "task-first");
  expect(message!.headers).toMatchObject({
    ce_specversion: "1.0",
    ce_type: "todo.events.v1.TaskCreated",
    ce_source: "/taskmesh/test",
    "content-type": "application/protobuf",
  });
  expect(message!.headers.ce_id).toBe(first.headers.ce_id!);
  expect(message!.headers.ce_time).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(message!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  expect(message!.key).toBe("task-first");
  expect((decodeEvent(message!).event as TaskCreated).task?.title).toBe("first");

  expect(dead).toHaveLength(1);
  expect(dead[0]!.key).toBe("poison");
  expect(dead[0]!.headers["x-dlq-original-topic"]).toBe(topic);
  expect(dead[0]!.headers["x-dlq-error"]).toContain("cannot decode");
});

test("handleBatch takes runs of a partition's messages in order; a run that fails goes one at a time through handle", async () => {
  const batchTopic = `${topic}-batch`;
  await bus.ensureTopics([batchTopic, `${batchTopic}.dlq`]);
  const titleOf = (message: ReceivedMessage) => (decodeEvent(message).event as TaskCreated).task!.title;
  const runs: string[][] = [];
  const single: string[] = [];
  const dead: string[] = [];
  await bus.subscribe({
    groupId: `bus-test-batch-${run}`,
    topics: [batchTopic, `${batchTopic}.dlq`],
    handle: async (message) => {
      if (message.topic.endsWith(".dlq")) {
        dead.push(titleOf(message));
        return;
      }
      single.push(titleOf(message));
      if (titleOf(message) === "bad") throw new Error("this one fails");
    },
    handleBatch: async (messages) => {
      if (messages.some((m) => m.topic.endsWith(".dlq"))) throw new Error("dead letters one at a time");
      runs.push(messages.map(titleOf));
      if (messages.some((m) => titleOf(m) === "bad")) throw new Error("a run with the bad one fails");
    },
  });
  // One key, so one partition and one order; published together, so fetched as one batch.
  const titles = ["m0", "m1", "m2", "bad", "m4", "m5"];
  await bus.publish(
    batchTopic,
    titles.map((title) => encodeEvent(taskCreated(title), "one-key", "/taskmesh/test")),
  );
  await waitFor("the bad one dead-lettered and the rest handled", () =>
    dead.length >= 1 && [...runs.flat(), ...single].includes("m5") ? true : undefined,
  );
  // Each message was handled (in a run that did not fail, or alone), in the published order.
  const done = [...runs.filter((r) => !r.includes("bad")).flat(), ...single.filter((t) => t !== "bad")];
  expect([...new Set(done)].sort()).toEqual(titles.filter((t) => t !== "bad").sort());
  expect(runs[0]!.length).toBeGreaterThan(1);
  expect(runs[0]).toEqual(titles.slice(0, runs[0]!.length));
  expect(single).toContain("bad");
  expect(dead).toEqual(["bad"]);
}, 60_000);
