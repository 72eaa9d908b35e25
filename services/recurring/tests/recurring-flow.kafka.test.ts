import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { and, eq } from "drizzle-orm";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { Priority, RepeatFrom, TaskStatus } from "../../../gen/todo/v1/task_pb";
import { outbox } from "../../orchestrator/db/schema";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { decodeEvent } from "../../platform/bus/event-codec";
import { waitFor } from "../../platform/testing/wait";
import { createRecurring } from "../recurring";
import { completionMessage } from "../testing/events";
import { type RecurringStack, startRecurringStack } from "../testing/stack";

// Real Postgres + Kafka, the real orchestrator (AuthService, TaskService) and the recurring module in process.
let env: RecurringStack;
beforeAll(async () => {
  env = await startRecurringStack([createOrchestrator, createRecurring]);
}, 60_000);
afterAll(() => env.stop());

const iso = (t: { dueAt?: Parameters<typeof timestampDate>[0] }) =>
  t.dueAt ? timestampDate(t.dueAt).toISOString() : null;

test("completing a daily task creates exactly one next instance, next day at the same local time (across DST)", async () => {
  const { tasks } = env.user;
  // 09:00 in New York on the day before the March change (14:00Z); the next day 09:00 is 13:00Z.
  const { task: first } = await tasks.createTask({
    title: "Daily standup",
    description: "what I did, what I'll do",
    priority: Priority.HIGH,
    tags: ["work", "daily"],
    dueAt: { seconds: BigInt(Date.parse("2025-03-08T14:00:00Z") / 1000) },
    timeZone: "America/New_York",
    reminder: { when: { case: "remindBefore", value: { seconds: 900n } } },
    recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE },
  });
  await tasks.completeTask({ id: first!.id });

  const [, next] = await waitFor("the next instance", async () => {
    const series = await env.series(first!.id);
    return series.length >= 2 && series;
  });
  expect(next).toMatchObject({
    title: "Daily standup",
    description: "what I did, what I'll do",
    priority: Priority.HIGH,
    tags: ["work", "daily"],
    timeZone: "America/New_York",
    status: TaskStatus.OPEN,
    recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE, seriesId: first!.id, occurrence: 2 },
  });
  expect(iso(next!)).toBe("2025-03-09T13:00:00.000Z");
  expect(next!.reminder?.when).toMatchObject({ case: "remindBefore", value: { seconds: 900n } });

  await waitFor("the TaskCompleted on Kafka", () => env.completions.get(first!.id));
  await env.barrier(first!.id);
  expect(await env.series(first!.id)).toHaveLength(2);
  const announced = await waitFor("RecurringTaskGenerated", () => env.generated.find((g) => g.nextTaskId === next!.id));
  expect(announced).toMatchObject({ completedTaskId: first!.id, seriesId: first!.id, title: "Daily standup" });
  expect(timestampDate(announced.nextDueAt!).toISOString()).toBe("2025-03-09T13:00:00.000Z");
  expect(announced.meta?.userId).toBe(env.user.userId);
  // Who acted (issue 15): the user completed the task; the next instance and its announcement are the system's.
  expect(decodeEvent(env.completions.get(first!.id)!).meta.actorUserId).toBe(env.user.userId);
  const [created] = await env.stack.deps.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.key, next!.id), eq(outbox.eventType, TaskCreatedSchema.typeName)));
  expect(decodeEvent({ key: created!.key, value: created!.payload, headers: created!.headers }).meta.actorUserId).toBe(
    "",
  );
  expect(announced.meta?.actorUserId).toBe("");
}, 30_000);

test("the same TaskCompleted delivered twice more still yields one next instance and one announcement", async () => {
  const { task: first } = await env.user.tasks.createTask({
    title: "Water the plants",
    dueAt: { seconds: BigInt(Date.parse("2025-06-02T07:00:00Z") / 1000) },
    recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", repeatFrom: RepeatFrom.DUE },
  });
  await env.user.tasks.completeTask({ id: first!.id });
  const original = await waitFor("the TaskCompleted on Kafka", () => env.completions.get(first!.id));
  await env.publish(original, original);
  await env.barrier(first!.id);

  const series = await env.series(first!.id);
  expect(series.map((t) => t.recurrence?.occurrence)).toEqual([1, 2]);
  await Bun.sleep(500);
  expect(env.generated.filter((g) => g.nextTaskId === series[1]!.id)).toHaveLength(1);
});

test("a rule with COUNT=2 stops after two", async () => {
  const { tasks } = env.user;
  const { task: first } = await tasks.createTask({
    title: "Two-session course",
    dueAt: { seconds: BigInt(Date.parse("2025-05-01T16:00:00Z") / 1000) },
    recurrence: { rrule: "FREQ=DAILY;COUNT=2", repeatFrom: RepeatFrom.DUE },
  });
  await tasks.completeTask({ id: first!.id });
  const [, second] = await waitFor("occurrence 2", async () => {
    const series = await env.series(first!.id);
    return series.length >= 2 && series;
  });
  expect(second!.recurrence?.occurrence).toBe(2);
  await tasks.completeTask({ id: second!.id });
  await waitFor("the second TaskCompleted on Kafka", () => env.completions.get(second!.id));
  await env.barrier(second!.id);
  expect((await env.series(first!.id)).map((t) => [t.recurrence?.occurrence, t.status])).toEqual([
    [1, TaskStatus.COMPLETED],
    [2, TaskStatus.COMPLETED],
  ]);
});

test("a rule whose UNTIL has passed creates nothing", async () => {
  const { task } = await env.user.tasks.createTask({
    title: "Until the end of May",
    dueAt: { seconds: BigInt(Date.parse("2025-05-31T16:00:00Z") / 1000) },
    recurrence: { rrule: "FREQ=DAILY;UNTIL=20250531T235959Z", repeatFrom: RepeatFrom.DUE },
  });
  await env.user.tasks.completeTask({ id: task!.id });
  await waitFor("the TaskCompleted on Kafka", () => env.completions.get(task!.id));
  await env.barrier(task!.id);
  expect(await env.series(task!.id)).toHaveLength(1);
});

test("completed, reopened and completed again is a new completion: a new instance (documented behaviour)", async () => {
  const { tasks } = env.user;
  const { task: first } = await tasks.createTask({
    title: "Reopened chore",
    dueAt: { seconds: BigInt(Date.parse("2025-04-01T09:00:00Z") / 1000) },
    recurrence: { rrule: "FREQ=DAILY;INTERVAL=3", repeatFrom: RepeatFrom.DUE },
  });
  await tasks.completeTask({ id: first!.id });
  await waitFor("first next instance", async () => (await env.series(first!.id)).length === 2);
  await tasks.reopenTask({ id: first!.id });
  await tasks.completeTask({ id: first!.id });
  const series = await waitFor("second next instance", async () => {
    const all = await env.series(first!.id);
    return all.length === 3 && all;
  });
  expect(series.map((t) => t.recurrence?.occurrence)).toEqual([1, 2, 2]);
  expect(series.slice(1).map(iso)).toEqual(["2025-04-04T09:00:00.000Z", "2025-04-04T09:00:00.000Z"]);
});

test("a completion of a task that does not recur is ignored", async () => {
  const { task } = await env.user.tasks.createTask({ title: "One-off", dueAt: { seconds: 1_900_000_000n } });
  const { message } = completionMessage(env.user.userId, task!);
  await env.publish(message);
  await env.barrier(task!.id);
  expect((await env.series(task!.id)).length).toBe(0);
  expect(env.dead).toHaveLength(0);
});
