// Needs real Postgres (npm run infra:up); events go through the in-memory bus, email to a real, slow SMTP sink.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { topics } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { waitFor } from "../../platform/testing/wait";
import { notifications } from "../db/schema";
import { notificationFactory } from "../notification";
import { reminderScheduled } from "../testing/kit";
import { type SmtpSink, startSmtpSink } from "../testing/smtp-sink";

const slowUsers = new Set<string>(Array.from({ length: 12 }, () => crypto.randomUUID()));
let sink: SmtpSink;
let stack: TestStack;

beforeAll(async () => {
  sink = await startSmtpSink(
    () => false,
    (recipient) => (slowUsers.has(recipient.split("@")[0]!) ? 3000 : 0),
  );
  stack = await startTestStack(
    [notificationFactory({ lookupEmail: () => async (userId) => `${userId}@example.test` })],
    {
      kafka: false,
      env: { SMTP_URL: sink.url },
    },
  );
}, 30_000);

afterAll(async () => {
  await stack?.stop();
  await sink?.close();
}, 30_000);

test("a slow mail server delays no in-app delivery", async () => {
  const start = Date.now() + 500;
  // Spread out, so that each slow email starts from its own delivery batch.
  await stack.deps.bus.publish(
    topics.reminders,
    [...slowUsers].map((userId, i) =>
      reminderScheduled({ taskId: crypto.randomUUID(), userId, remindAt: new Date(start + i * 30), taskVersion: 1 }),
    ),
  );
  const fastUser = crypto.randomUUID();
  const fastAt = new Date(start + 500);
  await stack.deps.bus.publish(topics.reminders, [
    reminderScheduled({ taskId: crypto.randomUUID(), userId: fastUser, remindAt: fastAt, taskVersion: 1 }),
  ]);

  const inboxOf = () => stack.deps.database.db.select().from(notifications).where(eq(notifications.userId, fastUser));
  await waitFor("the fast user's notification", async () => (await inboxOf()).length === 1, 5000);
  const [notification] = await inboxOf();
  expect(notification!.deliveredAt.getTime() - fastAt.getTime()).toBeLessThan(300);
  // The slow emails were all still in flight when the in-app notification went out.
  expect(sink.received.filter((m) => m.to.some((to) => slowUsers.has(to.split("@")[0]!)))).toHaveLength(0);
  await waitFor("every email in the end", () => sink.received.length === 13, 15_000);
}, 30_000);
