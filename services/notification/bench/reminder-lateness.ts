import { count, inArray } from "drizzle-orm";
import type { EventBus } from "../../platform/bus/event-bus";
import { topics } from "../../platform/bus/event-codec";
import type { Db } from "../../platform/db/database";
import { notifications, preferences, reminderSchedules } from "../db/schema";
import { reminderScheduled } from "../testing/kit";

/** LatenessReport is the spread of (delivered − due) over the reminders of one run, in milliseconds. */
export interface LatenessReport {
  count: number;
  delivered: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** armedMs is how long after the first publish every reminder was in the schedule table. */
  armedMs: number;
  /** armedBeforeDue is false when consuming the events took longer than the lead: lateness then includes consumer lag. */
  armedBeforeDue: boolean;
}

export interface LatenessOptions {
  /** reminders to schedule (default 1000). */
  count?: number;
  /** they fall due spread over this window (default 2000 ms). */
  windowMs?: number;
  /** the window opens this long after publishing starts, so consuming them is not measured as lateness. */
  leadMs?: number;
  /** spread over this many users (default 50); their email is switched off, so delivery is in-app only. */
  users?: number;
  timeoutMs?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function countWhere(
  db: Db,
  table: typeof notifications | typeof reminderSchedules,
  taskIds: string[],
): Promise<number> {
  let total = 0;
  for (let i = 0; i < taskIds.length; i += 1000) {
    const [row] = await db
      .select({ n: count() })
      .from(table)
      .where(inArray(table.taskId, taskIds.slice(i, i + 1000)));
    total += row?.n ?? 0;
  }
  return total;
}

/**
 * measureReminderLateness schedules `count` reminders due within the same `windowMs`, through the
 * `reminders` topic like the orchestrator does, against a running notification service (its database
 * and bus), and reports how late they were delivered in-app: delivered_at − remind_at.
 */
export async function measureReminderLateness(
  target: { db: Db; bus: EventBus },
  options: LatenessOptions = {},
): Promise<LatenessReport> {
  const total = options.count ?? 1000;
  const windowMs = options.windowMs ?? 2000;
  const leadMs = options.leadMs ?? 10_000;
  const userIds = Array.from({ length: options.users ?? 50 }, () => crypto.randomUUID());
  await target.db
    .insert(preferences)
    .values(userIds.map((userId) => ({ userId, emailEnabled: false, inAppEnabled: true })));

  const publishStart = Date.now();
  const windowStart = publishStart + leadMs;
  const reminders = Array.from({ length: total }, (_, i) => ({
    taskId: crypto.randomUUID(),
    userId: userIds[i % userIds.length]!,
    remindAt: new Date(windowStart + Math.floor((i / total) * windowMs)),
  }));
  const taskIds = reminders.map((r) => r.taskId);
  for (let i = 0; i < reminders.length; i += 200) {
    await target.bus.publish(
      topics.reminders,
      reminders.slice(i, i + 200).map((r) => reminderScheduled({ ...r, taskVersion: 1, title: "bench" })),
    );
  }

  const deadline = windowStart + windowMs + (options.timeoutMs ?? 15_000);
  let armedMs = NaN;
  let delivered = 0;
  while (Date.now() < deadline) {
    if (Number.isNaN(armedMs) && (await countWhere(target.db, reminderSchedules, taskIds)) === total)
      armedMs = Date.now() - publishStart;
    delivered = await countWhere(target.db, notifications, taskIds);
    if (delivered === total) break;
    await Bun.sleep(100);
  }

  const lateness: number[] = [];
  for (let i = 0; i < taskIds.length; i += 1000) {
    const rows = await target.db
      .select({ remindAt: notifications.remindAt, deliveredAt: notifications.deliveredAt })
      .from(notifications)
      .where(inArray(notifications.taskId, taskIds.slice(i, i + 1000)));
    for (const row of rows) lateness.push(row.deliveredAt.getTime() - row.remindAt.getTime());
  }
  lateness.sort((a, b) => a - b);
  return {
    count: total,
    delivered,
    p50: percentile(lateness, 50),
    p95: percentile(lateness, 95),
    p99: percentile(lateness, 99),
    max: lateness.at(-1) ?? NaN,
    armedMs,
    armedBeforeDue: armedMs <= leadMs,
  };
}

if (import.meta.main) {
  const { startTestStack } = await import("../../platform/testing/harness");
  const { notificationFactory } = await import("../notification");
  const { freshConsumerGroup, untilConsuming } = await import("../testing/kit");
  const group = await freshConsumerGroup("notification-bench");
  const stack = await startTestStack([notificationFactory()], {
    env: { LOG_LEVEL: "warn", NOTIFICATION_CONSUMER_GROUP: group },
  });
  try {
    await untilConsuming(stack.deps.bus, stack.deps.database.db);
    const report = await measureReminderLateness({ db: stack.deps.database.db, bus: stack.deps.bus });
    console.log(JSON.stringify(report));
  } finally {
    await stack.stop();
  }
  process.exit(0);
}
