import { afterAll, beforeAll, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { RecurrenceSchema, RepeatFrom } from "../../../gen/todo/v1/task_pb";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { waitFor } from "../../platform/testing/wait";
import { createRecurring } from "../recurring";
import { completionMessage } from "../testing/events";
import { type RecurringStack, startRecurringStack } from "../testing/stack";

// Real Postgres + Kafka: messages the recurring consumer can never handle go to task-events.dlq at once.
let env: RecurringStack;
beforeAll(async () => {
  env = await startRecurringStack([createOrchestrator, createRecurring]);
}, 60_000);
afterAll(() => env.stop());

const deadLettered = (key: string) => waitFor(`${key} on task-events.dlq`, () => env.dead.find((m) => m.key === key));

test("an undecodable message goes to the DLQ with its error, and the consumer carries on", async () => {
  const key = `poison-${crypto.randomUUID()}`;
  await env.publish({
    key,
    value: new Uint8Array([0xff, 0xff, 0xff]),
    headers: { ce_type: "todo.events.v1.TaskCompleted", ce_id: key },
  });
  const dead = await deadLettered(key);
  expect(dead.headers["x-dlq-error"]).toContain("cannot decode");
  expect(dead.headers["x-dlq-attempts"]).toBe("1");
  expect(dead.headers["x-dlq-original-topic"]).toBe("task-events");
  await env.barrier(key);
});

test("a completion whose rule or zone cannot be evaluated goes to the DLQ without retries", async () => {
  const { task } = await env.user.tasks.createTask({
    title: "bad rule",
    dueAt: { seconds: 1_900_000_000n },
    recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE },
  });
  const badRule = {
    ...task!,
    recurrence: create(RecurrenceSchema, { rrule: "FREQ=FORTNIGHTLY", seriesId: task!.id, occurrence: 1 }),
  };
  const badZone = { ...task!, timeZone: "Mars/Olympus" };
  const ruleKey = `bad-rule-${crypto.randomUUID()}`;
  const zoneKey = `bad-zone-${crypto.randomUUID()}`;
  await env.publish(
    completionMessage(env.user.userId, badRule, ruleKey).message,
    completionMessage(env.user.userId, badZone, zoneKey).message,
  );

  expect((await deadLettered(ruleKey)).headers).toMatchObject({
    "x-dlq-attempts": "1",
    "x-dlq-error": expect.stringContaining("FORTNIGHTLY"),
  });
  expect((await deadLettered(zoneKey)).headers).toMatchObject({
    "x-dlq-attempts": "1",
    "x-dlq-error": expect.stringContaining("Mars/Olympus"),
  });
  await env.barrier(zoneKey);
  expect(await env.series(task!.id)).toHaveLength(1);
});
