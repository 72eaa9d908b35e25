// Needs real Postgres and Kafka (npm run infra:up).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { RecurringTaskGeneratedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { ReminderCancelledSchema } from "../../../gen/todo/events/v1/reminder_events_pb";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import type { ReceivedMessage } from "../../platform/bus/event-bus";
import { allTopics, dlqTopic, type EventMessage, encodeEvent, topics } from "../../platform/bus/event-codec";
import { waitFor } from "../../platform/testing/wait";
import { type AuditStack, auditClient, event, publish, startAuditStack } from "../testing/kit";

let audit: AuditStack;
const dead: ReceivedMessage[] = [];

beforeAll(async () => {
  // Dead-lettering is logged as an error; here it is the expected outcome, so keep the output quiet.
  audit = await startAuditStack({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "fatal" });
  await audit.stack.deps.bus.subscribe({
    groupId: `audit-test-dlq-${crypto.randomUUID()}`,
    topics: allTopics.map(dlqTopic),
    fromBeginning: true,
    handle: async (message) => {
      if (message.headers["x-dlq-consumer-group"] === audit.groupId) dead.push(message);
    },
  });
}, 60_000);

afterAll(async () => {
  await audit?.stack.stop();
}, 30_000);

const poison = (key: string) => ({
  key,
  value: new Uint8Array([0xff, 0xff, 0xff]),
  headers: { ce_type: "todo.events.v1.TaskCreated" },
});
const deadFor = (key: string) => dead.filter((m) => m.key === key);

test("a poison message on each topic goes to that topic's DLQ and the consumer goes on", async () => {
  const userId = crypto.randomUUID();
  const next: Record<string, EventMessage | undefined> = {
    [topics.taskEvents]: event(TaskCreatedSchema, userId, { task: { id: "t", title: "after poison" } }),
    [topics.reminders]: event(ReminderCancelledSchema, userId, { taskId: "t" }),
    [topics.auditEvents]: event(RecurringTaskGeneratedSchema, userId, { completedTaskId: "t", title: "after poison" }),
    // task-updates carries only TaskChanged, which the log leaves out: nothing to record after the poison.
    [topics.taskUpdates]: undefined,
  };
  const keys = new Map(allTopics.map((topic) => [topic, `poison-${topic}-${crypto.randomUUID()}`]));
  for (const topic of allTopics) {
    const key = keys.get(topic)!;
    await audit.stack.deps.bus.publish(topic, [poison(key)]);
    const good = next[topic];
    if (good) await publish(audit.stack, topic, key, good);
  }

  const client = await auditClient(audit.stack, userId);
  await waitFor(
    "the three good events after the poison",
    async () => (await client.listAuditEvents({})).events.length === 3,
  );
  await waitFor("one dead letter per topic", () => allTopics.every((topic) => deadFor(keys.get(topic)!).length === 1));
  for (const topic of allTopics) {
    const [letter] = deadFor(keys.get(topic)!);
    expect(letter!.topic).toBe(dlqTopic(topic));
    expect(letter!.headers["x-dlq-original-topic"]).toBe(topic);
    expect(letter!.headers["x-dlq-error"]).toContain("cannot decode");
    expect(letter!.headers["x-dlq-attempts"]).toBe("1");
  }
  const recorded = (await client.listAuditEvents({})).events;
  expect(recorded.map((r) => r.topic).sort()).toEqual([topics.auditEvents, topics.reminders, topics.taskEvents].sort());
});

test("an event without a user id is dead-lettered with a clear error, and the next one is recorded", async () => {
  const userId = crypto.randomUUID();
  const key = `orphan-${crypto.randomUUID()}`;
  const orphan = event(RecurringTaskGeneratedSchema, "", { completedTaskId: key, title: "no owner" });
  await audit.stack.deps.bus.publish(topics.auditEvents, [encodeEvent(orphan, key, "/taskmesh/audit-test")]);
  await publish(
    audit.stack,
    topics.auditEvents,
    key,
    event(RecurringTaskGeneratedSchema, userId, { completedTaskId: key, title: "owned" }),
  );

  const client = await auditClient(audit.stack, userId);
  await waitFor("the owned event", async () => (await client.listAuditEvents({ taskId: key })).events.length === 1);
  await waitFor("the orphan in the DLQ", () => deadFor(key).length === 1);
  const [letter] = deadFor(key);
  expect(letter!.topic).toBe("audit-events.dlq");
  expect(letter!.headers.ce_id).toBe(orphan.meta!.eventId);
  expect(letter!.headers["x-dlq-error"]).toContain("has no user id");
  expect(await client.verifyAuditChain({})).toMatchObject({ valid: true, checked: 1n });
});
