// Needs real Postgres and Kafka (npm run infra:up) and runs a real SMTP server (smtp-server) as the sink.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ReminderDelivered, ReminderFailed } from "../../../gen/todo/events/v1/audit_events_pb";
import { dlqTopic, topics } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { waitFor } from "../../platform/testing/wait";
import { notificationFactory } from "../notification";
import {
  freshConsumerGroup,
  notificationClient,
  observe,
  reminderCancelled,
  reminderScheduled,
  scheduleRow,
  type TopicObserver,
  taskCompleted,
  taskUpdated,
  untilConsuming,
} from "../testing/kit";
import { type SmtpSink, startSmtpSink } from "../testing/smtp-sink";

let groupId: string;
const emails = new Map<string, string>();
const refused = new Set<string>();
let sink: SmtpSink;
let stack: TestStack;
let audit: TopicObserver;
const taskIds = new Set<string>();

/** A fresh user with an address the lookup knows, optionally one the mail server refuses. */
const newUser = (options: { refuse?: boolean } = {}) => {
  const userId = crypto.randomUUID();
  const email = `${userId}@example.test`;
  emails.set(userId, email);
  if (options.refuse) refused.add(email);
  return { userId, email };
};
const newTask = () => {
  const taskId = crypto.randomUUID();
  taskIds.add(taskId);
  return taskId;
};
const mailTo = (email: string) => sink.received.filter((m) => m.to.includes(email));
const publish = (...messages: ReturnType<typeof reminderScheduled>[]) =>
  stack.deps.bus.publish(topics.reminders, messages);

beforeAll(async () => {
  sink = await startSmtpSink((recipient) => refused.has(recipient));
  groupId = await freshConsumerGroup();
  stack = await startTestStack(
    [
      notificationFactory({
        lookupEmail: () => async (userId) => emails.get(userId),
      }),
    ],
    {
      env: {
        SMTP_URL: sink.url,
        NOTIFICATION_RETRY_BASE_MS: "200",
        NOTIFICATION_CONSUMER_GROUP: groupId,
      },
    },
  );
  audit = await observe(stack.deps.bus, topics.auditEvents, (m) => taskIds.has(m.key));
  await untilConsuming(stack.deps.bus, stack.deps.database.db);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await sink?.close();
}, 30_000);

test("a reminder set 2 s ahead arrives by email and in-app, live and listed, within a second of its time", async () => {
  const { userId, email } = newUser();
  const taskId = newTask();
  const client = await notificationClient(stack, userId);
  const abort = new AbortController();
  const pushed: { title: string; at: number }[] = [];
  let opened = false;
  const watching = (async () => {
    for await (const item of client.watchNotifications({}, { signal: abort.signal })) {
      if (item.heartbeat) opened = true;
      if (item.notification) pushed.push({ title: item.notification.title, at: Date.now() });
    }
  })().catch(() => undefined);
  await waitFor("the stream to open", () => opened, 5000);

  const remindAt = new Date(Date.now() + 2000);
  await publish(reminderScheduled({ taskId, userId, remindAt, taskVersion: 1, title: "Pay rent" }));

  await waitFor("email and push", () => mailTo(email).length > 0 && pushed.length > 0, 6000);
  const [mail] = mailTo(email);
  expect(mail!.subject).toBe("Reminder: Pay rent");
  expect(mail!.to).toEqual([email]);
  const emailLateness = mail!.receivedAt - remindAt.getTime();
  const pushLateness = pushed[0]!.at - remindAt.getTime();
  expect(emailLateness).toBeGreaterThanOrEqual(0);
  expect(emailLateness).toBeLessThan(1000);
  expect(pushLateness).toBeGreaterThanOrEqual(0);
  expect(pushLateness).toBeLessThan(1000);
  expect(pushed[0]!.title).toBe("Pay rent");

  const listed = await client.listNotifications({});
  expect(listed.notifications.map((n) => n.taskId)).toEqual([taskId]);
  expect(listed.unreadCount).toBe(1n);
  expect(timestampDate(listed.notifications[0]!.remindAt!).getTime()).toBe(remindAt.getTime());

  await waitFor(
    "ReminderDelivered",
    () => audit.events.some((e) => e.type === "todo.events.v1.ReminderDelivered" && e.key === taskId),
    10_000,
  );
  await Bun.sleep(300);
  const outcomes = audit.events.filter((e) => e.key === taskId);
  expect(outcomes.map((e) => e.type)).toEqual(["todo.events.v1.ReminderDelivered"]);
  const delivered = outcomes[0]!.event as ReminderDelivered;
  expect([...delivered.channels].sort()).toEqual(["email", "in_app"]);
  expect(mailTo(email)).toHaveLength(1);
  expect(delivered.notificationId).toBe(listed.notifications[0]!.id);
  expect((await scheduleRow(stack.deps.database.db, taskId))?.state).toBe("delivered");
  abort.abort();
  await watching;
}, 30_000);

test("a reminder cancelled, or whose task is completed, before its time is never delivered", async () => {
  const { userId, email } = newUser();
  const cancelledTask = newTask();
  const completedTask = newTask();
  const remindAt = new Date(Date.now() + 1500);
  await publish(
    reminderScheduled({ taskId: cancelledTask, userId, remindAt, taskVersion: 1 }),
    reminderScheduled({ taskId: completedTask, userId, remindAt, taskVersion: 1 }),
  );
  await waitFor(
    "both armed",
    async () => (await scheduleRow(stack.deps.database.db, completedTask))?.state === "pending",
    5000,
  );
  await publish(reminderCancelled({ taskId: cancelledTask, userId, taskVersion: 2 }));
  await stack.deps.bus.publish(topics.taskEvents, [taskCompleted({ taskId: completedTask, userId, taskVersion: 2 })]);

  await Bun.sleep(Math.max(0, remindAt.getTime() - Date.now()) + 1500);
  expect(mailTo(email)).toHaveLength(0);
  const client = await notificationClient(stack, userId);
  expect((await client.listNotifications({})).notifications).toHaveLength(0);
  expect((await scheduleRow(stack.deps.database.db, cancelledTask))?.state).toBe("cancelled");
  expect((await scheduleRow(stack.deps.database.db, completedTask))?.state).toBe("cancelled");
}, 30_000);

test("a rescheduled reminder fires once, at its new time; a late older schedule changes nothing", async () => {
  const { userId, email } = newUser();
  const taskId = newTask();
  const first = new Date(Date.now() + 1500);
  const moved = new Date(Date.now() + 3000);
  await publish(reminderScheduled({ taskId, userId, remindAt: first, taskVersion: 1 }));
  await publish(reminderScheduled({ taskId, userId, remindAt: moved, taskVersion: 2 }));
  // The version-1 schedule redelivered out of order (another event id) must not bring the old time back.
  await publish(reminderScheduled({ taskId, userId, remindAt: first, taskVersion: 1 }));

  await waitFor("the moved reminder", () => mailTo(email).length > 0, 8000);
  await Bun.sleep(800);
  const mail = mailTo(email);
  expect(mail).toHaveLength(1);
  expect(mail[0]!.receivedAt).toBeGreaterThanOrEqual(moved.getTime());
  expect(mail[0]!.receivedAt - moved.getTime()).toBeLessThan(1000);
  const listed = await (await notificationClient(stack, userId)).listNotifications({});
  expect(listed.notifications).toHaveLength(1);
  expect(timestampDate(listed.notifications[0]!.remindAt!).getTime()).toBe(moved.getTime());
}, 30_000);

test("renaming the task before its reminder fires (TaskUpdated, same reminder time) changes what the reminder says", async () => {
  const { userId, email } = newUser();
  const taskId = newTask();
  await publish(
    reminderScheduled({ taskId, userId, remindAt: new Date(Date.now() + 1500), taskVersion: 1, title: "Old name" }),
  );
  await waitFor(
    "the reminder armed",
    async () => (await scheduleRow(stack.deps.database.db, taskId))?.state === "pending",
    5000,
  );
  await stack.deps.bus.publish(topics.taskEvents, [taskUpdated({ taskId, userId, taskVersion: 2, title: "New name" })]);
  await waitFor("the reminder", () => mailTo(email).length > 0, 6000);
  expect(mailTo(email).map((m) => m.subject)).toEqual(["Reminder: New name"]);
}, 30_000);

test("a duplicated ReminderScheduled (same event twice, or the same schedule re-sent) makes one notification", async () => {
  const { userId, email } = newUser();
  const taskId = newTask();
  const remindAt = new Date(Date.now() + 1000);
  const event = reminderScheduled({ taskId, userId, remindAt, taskVersion: 3 });
  await publish(event, event, reminderScheduled({ taskId, userId, remindAt, taskVersion: 3 }));
  await waitFor("the reminder", () => mailTo(email).length > 0, 6000);
  // Also after delivery: a redelivery must not re-arm it.
  await publish(event);
  await Bun.sleep(1500);
  expect(mailTo(email)).toHaveLength(1);
  const listed = await (await notificationClient(stack, userId)).listNotifications({});
  expect(listed.notifications).toHaveLength(1);
}, 30_000);

test("a failing mail server: three retries with backoff, then failed and ReminderFailed on audit-events", async () => {
  const { userId, email } = newUser({ refuse: true });
  const taskId = newTask();
  await publish(reminderScheduled({ taskId, userId, remindAt: new Date(Date.now() + 200), taskVersion: 1 }));

  await waitFor(
    "ReminderFailed",
    () => audit.events.some((e) => e.key === taskId && e.type === "todo.events.v1.ReminderFailed"),
    15_000,
  );
  const tries = sink.attempts.filter((a) => a.to.includes(email)).map((a) => a.at);
  expect(tries).toHaveLength(4);
  const gaps = tries.slice(1).map((at, i) => at - tries[i]!);
  // Base 200 ms, doubling: 200, 400, 800 (each plus the time a try takes).
  expect(gaps[0]!).toBeGreaterThanOrEqual(190);
  expect(gaps[1]!).toBeGreaterThanOrEqual(390);
  expect(gaps[2]!).toBeGreaterThanOrEqual(790);
  expect(gaps[2]!).toBeGreaterThan(gaps[0]! * 2);

  const failed = audit.events.find((e) => e.key === taskId && e.type === "todo.events.v1.ReminderFailed")!
    .event as ReminderFailed;
  expect(failed.channel).toBe("email");
  expect(failed.attempts).toBe(4);
  expect(failed.error).toContain("mailbox temporarily unavailable");
  const row = await scheduleRow(stack.deps.database.db, taskId);
  expect(row?.state).toBe("failed");
  expect(row?.attempts).toBe(4);
  // In-app delivery did not wait for the mail server: it happened once, on the first try.
  const listed = await (await notificationClient(stack, userId)).listNotifications({});
  expect(listed.notifications).toHaveLength(1);
  expect(mailTo(email)).toHaveLength(0);
}, 30_000);

test("a poison message on reminders goes to reminders.dlq and the consumer carries on", async () => {
  const poisonKey = `poison-${crypto.randomUUID()}`;
  const dead = await observe(stack.deps.bus, dlqTopic(topics.reminders), (m) => m.key === poisonKey);
  await stack.deps.bus.publish(topics.reminders, [
    {
      key: poisonKey,
      value: new Uint8Array([0xff, 0xfe, 0xfd]),
      headers: { ce_type: "todo.events.v1.ReminderScheduled" },
    },
  ]);
  const { userId, email } = newUser();
  const taskId = newTask();
  await publish(reminderScheduled({ taskId, userId, remindAt: new Date(Date.now() + 500), taskVersion: 1 }));

  await waitFor(
    "the poison message in the DLQ",
    () => dead.raw.some((m) => m.headers["x-dlq-consumer-group"] === groupId),
    15_000,
  );
  const letter = dead.raw.find((m) => m.headers["x-dlq-consumer-group"] === groupId)!;
  expect(letter.headers["x-dlq-original-topic"]).toBe(topics.reminders);
  expect(letter.headers["x-dlq-error"]).toContain("cannot decode");
  await waitFor("the reminder after the poison message", () => mailTo(email).length === 1, 8000);
}, 30_000);
