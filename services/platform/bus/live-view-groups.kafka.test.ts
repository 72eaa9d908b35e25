import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { Kafka, logLevel } from "kafkajs";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { createLogger } from "../logger";
import { createMetrics } from "../metrics";
import { testKafkaBrokers } from "../testing/infra";
import { waitFor } from "../testing/wait";
import { type ReceivedMessage, subscribeEveryReplica } from "./event-bus";
import { encodeEvent, newEventMeta } from "./event-codec";
import { createKafkaBus } from "./kafka-bus";
import { ignoreKafkajsTimerWarning } from "./kafkajs-timer-warning";

// Real Kafka: a live view's per-replica consumer group must not outlive the replica (issue 11 found
// orphaned `*-watch-<uuid>` groups with growing lag after restarts).
const run = crypto.randomUUID().slice(0, 8);
const topic = `live-view-test-${run}`;
const view = `live-view-test-${run}-watch`;

const groupsOfView = async (admin: ReturnType<Kafka["admin"]>) =>
  (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(`${view}-`));

test("a live view's group reads new messages, is deleted when the replica stops, and a killed replica's is swept by the next (kafka)", async () => {
  ignoreKafkajsTimerWarning();
  const admin = new Kafka({
    clientId: "live-view-test",
    brokers: testKafkaBrokers.split(","),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  const newBus = () =>
    createKafkaBus({
      brokers: testKafkaBrokers.split(","),
      clientId: "live-view-test",
      logger: createLogger("t", "silent"),
      metrics: createMetrics(),
    });
  try {
    const first = newBus();
    await first.ensureTopics([topic]);
    const seen: ReceivedMessage[] = [];
    await subscribeEveryReplica(first, view, [topic], async (m) => void seen.push(m));
    const event = create(TaskCreatedSchema, {
      meta: newEventMeta({ userId: "u", correlationId: crypto.randomUUID() }),
      task: { id: "t1", title: "x" },
    });
    await waitFor("the live view receives what is published after it joined", async () => {
      await first.publish(topic, [encodeEvent(event, "t1", "/test")]);
      return seen.length > 0;
    });
    expect(await groupsOfView(admin)).toHaveLength(1);
    await first.close();
    expect(await groupsOfView(admin)).toEqual([]);

    // A replica that dies without closing leaves an empty group behind; the next replica of the view deletes it.
    const orphan = `${view}-${crypto.randomUUID()}`;
    const consumer = new Kafka({
      clientId: "live-view-test",
      brokers: testKafkaBrokers.split(","),
      logLevel: logLevel.NOTHING,
    }).consumer({ groupId: orphan });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({ eachMessage: async () => {} });
    await consumer.disconnect(); // leaves the group Empty, as a dead member's session timeout would
    expect(await groupsOfView(admin)).toContain(orphan);
    const second = newBus();
    await subscribeEveryReplica(second, view, [topic], async () => {});
    const left = await groupsOfView(admin);
    expect(left).not.toContain(orphan);
    expect(left).toHaveLength(1);
    await second.close();
    expect(await groupsOfView(admin)).toEqual([]);
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
}, 90_000);
