import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { Client } from "@connectrpc/connect";
import { asc, desc, eq } from "drizzle-orm";
import {
  ReminderCancelledSchema,
  ReminderCancelReason,
  ReminderScheduledSchema,
} from "../../../gen/todo/events/v1/reminder_events_pb";
import { TaskCompletedSchema, TaskUpdatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { TaskStatus } from "../../../gen/todo/v1/task_pb";
import type { EventBus, ReceivedMessage } from "../../platform/bus/event-bus";
import {
  allTopics,
  type DecodedEvent,
  decodeEvent,
  encodeEvent,
  newEventMeta,
  topics,
} from "../../platform/bus/event-codec";
import type { Db } from "../../platform/db/database";
import type { TestStack } from "../../platform/testing/harness";
import { startGroupsAtEnd } from "../../platform/testing/kafka-groups";
import { signedInClient } from "../../platform/testing/tokens";
import { reminderSchedules, reminderTasks } from "../db/schema";

const source = "/taskmesh/test";

/** notificationClient is a real Connect client over HTTP/1.1, signed in as the user (anonymous without one). */
export const notificationClient = (stack: TestStack, userId?: string): Promise<Client<typeof NotificationService>> =>
  signedInClient(NotificationService, stack, userId);

/** ReminderInit describes a ReminderScheduled as the orchestrator would publish it. */
export interface ReminderInit {
  taskId: string;
  userId: string;
  remindAt: Date;
  taskVersion: number;
  title?: string;
  dueAt?: Date;
  /** remindAts are every time of the task (several reminders); remindAt should be the earliest. */
  remindAts?: Date[];
}

export const reminderScheduled = (init: ReminderInit) =>
  encodeEvent(
    create(ReminderScheduledSchema, {
      meta: newEventMeta({ userId: init.userId, correlationId: crypto.randomUUID() }),
      taskId: init.taskId,
      remindAt: timestampFromDate(init.remindAt),
      dueAt: init.dueAt ? timestampFromDate(init.dueAt) : undefined,
      title: init.title ?? `Task ${init.taskId.slice(0, 8)}`,
      timeZone: "Asia/Karachi",
      taskVersion: BigInt(init.taskVersion),
      remindAts: (init.remindAts ?? []).map((at) => timestampFromDate(at)),
    }),
    init.taskId,
    source,
  );

export const reminderCancelled = (init: { taskId: string; userId: string; taskVersion: number }) =>
  encodeEvent(
    create(ReminderCancelledSchema, {
      meta: newEventMeta({ userId: init.userId, correlationId: crypto.randomUUID() }),
      taskId: init.taskId,
      reason: ReminderCancelReason.REMOVED,
      taskVersion: BigInt(init.taskVersion),
    }),
    init.taskId,
    source,
  );

export const taskCompleted = (init: { taskId: string; userId: string; taskVersion: number }) =>
  encodeEvent(
    create(TaskCompletedSchema, {
      meta: newEventMeta({ userId: init.userId, correlationId: crypto.randomUUID() }),
      task: { id: init.taskId, title: "done", status: TaskStatus.COMPLETED, version: BigInt(init.taskVersion) },
    }),
    init.taskId,
    source,
  );

export const taskUpdated = (init: { taskId: string; userId: string; taskVersion: number; title: string }) =>
  encodeEvent(
    create(TaskUpdatedSchema, {
      meta: newEventMeta({ userId: init.userId, correlationId: crypto.randomUUID() }),
      task: {
        id: init.taskId,
        title: init.title,
        status: TaskStatus.OPEN,
        version: BigInt(init.taskVersion),
        timeZone: "UTC",
      },
      changedFields: ["title"],
    }),
    init.taskId,
    source,
  );

/** scheduleRow reads a task's schedule row (its latest reminder time) straight from the service's table. */
export async function scheduleRow(db: Db, taskId: string) {
  const [row] = await db
    .select()
    .from(reminderSchedules)
    .where(eq(reminderSchedules.taskId, taskId))
    .orderBy(desc(reminderSchedules.remindAt));
  return row;
}

/** scheduleRows reads every schedule row of a task (one per reminder time, and its snooze), earliest first. */
export const scheduleRows = (db: Db, taskId: string) =>
  db
    .select()
    .from(reminderSchedules)
    .where(eq(reminderSchedules.taskId, taskId))
    .orderBy(asc(reminderSchedules.remindAt));

/** taskSeen says whether the service recorded any reminder event of the task (a cancellation leaves only this). */
const taskSeen = async (db: Db, taskId: string) =>
  (await db.select().from(reminderTasks).where(eq(reminderTasks.taskId, taskId))).length > 0;

/**
 * untilConsuming returns once the service's consumer group has read every partition of `reminders`.
 * A new group that starts at the newest offset only sees what is published after it joined, and a
 * partition it never committed would restart at the newest offset too; a probe on each partition
 * (random keys, enough of them to cover all) settles both.
 */
export async function untilConsuming(bus: EventBus, db: Db, probes = 30): Promise<void> {
  const taskIds = Array.from({ length: probes }, () => `probe-${crypto.randomUUID()}`);
  const deadline = Date.now() + 30_000;
  const seen = new Set<string>();
  for (let version = 1; seen.size < taskIds.length; version += 1) {
    if (Date.now() > deadline) throw new Error("the notification consumer never started reading");
    const missing = taskIds.filter((taskId) => !seen.has(taskId));
    await bus.publish(
      topics.reminders,
      missing.map((taskId) => reminderCancelled({ taskId, userId: "probe", taskVersion: version })),
    );
    await Bun.sleep(250);
    for (const taskId of missing) if (await taskSeen(db, taskId)) seen.add(taskId);
  }
  // Let the consumer commit the probes' offsets (auto-commit runs every 500 ms).
  await Bun.sleep(600);
}

/** TopicObserver records the decoded events of a topic that match a filter. */
export interface TopicObserver {
  events: DecodedEvent[];
  raw: ReceivedMessage[];
}

/** observe subscribes a throwaway group to a topic from its beginning and keeps the messages matching `keep`. */
export async function observe(
  bus: EventBus,
  topic: string,
  keep: (message: ReceivedMessage) => boolean,
): Promise<TopicObserver> {
  const observer: TopicObserver = { events: [], raw: [] };
  await bus.subscribe({
    groupId: `notification-test-observer-${crypto.randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    handle: async (message) => {
      if (!keep(message)) return;
      observer.raw.push(message);
      if (!topic.endsWith(".dlq")) observer.events.push(decodeEvent(message));
    },
  });
  return observer;
}

/**
 * freshConsumerGroup names a new notification consumer group (NOTIFICATION_CONSUMER_GROUP) and places it,
 * and the groups derived from it, at the end of every topic: the service then reads only what a test
 * publishes, not the history other runs left in the shared topics.
 */
export async function freshConsumerGroup(prefix = "notification-test"): Promise<string> {
  const group = `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
  await startGroupsAtEnd([group, `${group}-account-mail`, `${group}-share-mail`], allTopics);
  return group;
}
