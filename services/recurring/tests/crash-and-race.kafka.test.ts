import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { RepeatFrom, type Task } from "../../../gen/todo/v1/task_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import type { ReceivedMessage } from "../../platform/bus/event-bus";
import type { BusMessage } from "../../platform/bus/event-codec";
import { runInScope } from "../../platform/request-context";
import { outbox, processedEvents } from "../db/schema";
import { localOccurrenceEngine } from "../domain/occurrence-engine";
import { completionConsumer, generateNext } from "../events/completion-consumer";
import { completedTaskOf } from "../events/task-mapping";
import { createRecurring } from "../recurring";
import { completionMessage } from "../testing/events";
import { type RecurringStack, startRecurringStack } from "../testing/stack";

// Real Postgres + Kafka and the real orchestrator: the failure windows of "exactly one next instance".
let env: RecurringStack;
beforeAll(async () => {
  env = await startRecurringStack([createOrchestrator, createRecurring]);
}, 60_000);
afterAll(() => env.stop());

const recurringTask = async (title: string): Promise<Task> =>
  (
    await env.user.tasks.createTask({
      title,
      dueAt: { seconds: 1_900_000_000n },
      recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE },
    })
  ).task!;

const asReceived = (message: BusMessage): ReceivedMessage => ({
  ...message,
  topic: "task-events",
  partition: 0,
  offset: "0",
});

const outboxRowsFor = async (seriesId: string) =>
  (await env.stack.deps.database.db.select().from(outbox).where(eq(outbox.key, seriesId))).length;

test("killed after CreateTask but before recording: the redelivered completion gets the same instance, announced once", async () => {
  const task = await recurringTask("crash window");
  const { message, eventId } = completionMessage(env.user.userId, task);
  // The first attempt: the next instance is created, then the process dies before its transaction commits.
  const tasks = env.stack.deps.clients.client(TaskService, "orchestrator");
  const first = await runInScope({ correlationId: eventId, userId: env.user.userId }, () =>
    generateNext(completedTaskOf(task, new Date())!, eventId, { engine: localOccurrenceEngine, tasks: () => tasks }),
  );
  if (first.kind !== "created") throw new Error("the first attempt should have created the next instance");
  // Kafka redelivers the uncommitted message to the restarted consumer.
  await env.publish(message);
  await env.barrier(task.id);

  const series = await env.series(task.id);
  expect(series.map((t) => t.id)).toEqual([task.id, first.task.id]);
  expect(await outboxRowsFor(task.id)).toBe(1);
});

test("two replicas handling the same completion at once create one instance and one announcement", async () => {
  const task = await recurringTask("racing replicas");
  const { message } = completionMessage(env.user.userId, task);
  const { deps } = env.stack;
  const replica = () =>
    completionConsumer({
      db: deps.database.db,
      consumer: env.group,
      engine: localOccurrenceEngine,
      tasks: () => deps.clients.client(TaskService, "orchestrator"),
      logger: deps.logger,
      settled: () => {},
    });
  await Promise.all([replica()(asReceived(message)), replica()(asReceived(message)), replica()(asReceived(message))]);

  expect((await env.series(task.id)).map((t) => t.recurrence?.occurrence)).toEqual([1, 2]);
  expect(await outboxRowsFor(task.id)).toBe(1);
  const recorded = await deps.database.db
    .select()
    .from(processedEvents)
    .where(eq(processedEvents.eventId, message.headers.ce_id!));
  expect(recorded).toHaveLength(1);
});
