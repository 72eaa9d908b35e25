// Needs real Postgres (npm run infra:up); events go through the in-memory bus, email to a real SMTP sink.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { and, count, eq, inArray } from "drizzle-orm";
import { topics } from "../../platform/bus/event-codec";
import type { ServiceModule } from "../../platform/service";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { waitFor } from "../../platform/testing/wait";
import { notifications, outbox, reminderSchedules } from "../db/schema";
import { notificationFactory } from "../notification";
import { reminderScheduled } from "../testing/kit";
import { type SmtpSink, startSmtpSink } from "../testing/smtp-sink";

const factory = notificationFactory({ lookupEmail: () => async (userId) => `${userId}@example.test` });
let sink: SmtpSink;
let stack: TestStack;
let secondReplica: ServiceModule;

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startTestStack([factory], { kafka: false, env: { SMTP_URL: sink.url } });
  // A second replica of the service on the same database: its own scheduler and timer.
  secondReplica = await factory(stack.deps);
  await secondReplica.start?.();
}, 30_000);

afterAll(async () => {
  await secondReplica?.stop?.();
  await stack?.stop();
  await sink?.close();
}, 30_000);

test("two replicas share one schedule: every reminder is delivered once, by email and in-app", async () => {
  const users = Array.from({ length: 10 }, () => crypto.randomUUID());
  const start = Date.now() + 1000;
  const reminders = Array.from({ length: 200 }, (_, i) => ({
    taskId: crypto.randomUUID(),
    userId: users[i % users.length]!,
    remindAt: new Date(start + (i % 50) * 10),
    taskVersion: 1,
    title: `replica task ${i}`,
  }));
  const taskIds = reminders.map((r) => r.taskId);
  await stack.deps.bus.publish(topics.reminders, reminders.map(reminderScheduled));

  const db = stack.deps.database.db;
  const delivered = async () => {
    const [row] = await db
      .select({ n: count() })
      .from(reminderSchedules)
      .where(and(inArray(reminderSchedules.taskId, taskIds), eq(reminderSchedules.state, "delivered")));
    return row?.n ?? 0;
  };
  await waitFor("all delivered", async () => (await delivered()) === 200, 15_000);
  // Both replicas' timers have fired by now; give a double delivery time to show.
  await Bun.sleep(500);

  const inbox = await db
    .select({ taskId: notifications.taskId })
    .from(notifications)
    .where(inArray(notifications.taskId, taskIds));
  expect(inbox).toHaveLength(200);
  expect(new Set(inbox.map((n) => n.taskId)).size).toBe(200);
  const subjects = sink.received.map((m) => m.subject);
  expect(subjects).toHaveLength(200);
  expect(new Set(subjects).size).toBe(200);
  const outcomes = await db
    .select({ key: outbox.key })
    .from(outbox)
    .where(eq(outbox.eventType, "todo.events.v1.ReminderDelivered"));
  expect(outcomes).toHaveLength(200);
  expect(new Set(outcomes.map((o) => o.key))).toEqual(new Set(taskIds));
}, 30_000);
