// Needs real Postgres (npm run infra:up); events go through the in-memory bus, email to a real SMTP sink.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { eq } from "drizzle-orm";
import { SnoozeDelay } from "../../../gen/todo/v1/notification_service_pb";
import type { BusMessage } from "../../platform/bus/event-codec";
import { topics } from "../../platform/bus/event-codec";
import type { TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { waitFor } from "../../platform/testing/wait";
import { reminderSchedules } from "../db/schema";
import { notificationClient, reminderCancelled, reminderScheduled, scheduleRows, taskCompleted } from "../testing/kit";
import { type SinkStack, startSinkStack } from "../testing/sink-stack";

let mail: SinkStack;
let stack: TestStack;

beforeAll(async () => {
  mail = await startSinkStack({}, { NOTIFICATION_SAFETY_POLL_MS: "200" });
  stack = mail.stack;
}, 30_000);

afterAll(() => mail?.stop(), 30_000);

const publish = (...messages: BusMessage[]) => stack.deps.bus.publish(topics.reminders, messages);
const mailTo = (userId: string) => mail.mailTo(userId);
const inboxOf = async (userId: string) =>
  (await (await notificationClient(stack, userId)).listNotifications({})).notifications;
const times = async (userId: string) =>
  (await inboxOf(userId)).map((n) => timestampDate(n.remindAt!).getTime()).sort((a, b) => a - b);
const soon = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000);

describe("several reminders per task", () => {
  test("each time is delivered once, by email and in-app; a redelivered or older event adds nothing", async () => {
    const userId = crypto.randomUUID();
    const taskId = crypto.randomUUID();
    const [first, second] = [soon(1500), soon(3000)];
    const event = reminderScheduled({ taskId, userId, remindAt: first, remindAts: [first, second], taskVersion: 2 });
    await publish(event, event, reminderScheduled({ taskId, userId, remindAt: first, taskVersion: 1 }));
    await waitFor("both reminders", async () => (await times(userId)).length === 2, 10_000);
    // Redelivered after delivery, and re-sent by a newer version with the same times: neither re-arms.
    await publish(
      event,
      reminderScheduled({ taskId, userId, remindAt: first, remindAts: [first, second], taskVersion: 3 }),
    );
    await Bun.sleep(1200);
    expect(await times(userId)).toEqual([first.getTime(), second.getTime()]);
    expect(mailTo(userId)).toHaveLength(2);
    expect((await scheduleRows(stack.deps.database.db, taskId)).map((r) => [r.state, r.taskVersion])).toEqual([
      ["delivered", 3],
      ["delivered", 3],
    ]);
  }, 30_000);

  test("a changed set: a removed time is unscheduled, a kept one fires once, an added one fires", async () => {
    const userId = crypto.randomUUID();
    const taskId = crypto.randomUUID();
    const [dropped, kept, added] = [soon(2000), soon(3000), soon(4000)];
    await publish(reminderScheduled({ taskId, userId, remindAt: dropped, remindAts: [dropped, kept], taskVersion: 1 }));
    await publish(reminderScheduled({ taskId, userId, remindAt: kept, remindAts: [kept, added], taskVersion: 2 }));
    await waitFor("two reminders", async () => (await times(userId)).length === 2, 10_000);
    await Bun.sleep(800);
    expect(await times(userId)).toEqual([kept.getTime(), added.getTime()]);
    expect(mailTo(userId)).toHaveLength(2);
  }, 30_000);

  test("all reminders removed (ReminderCancelled): nothing fires, and a late older schedule stays ignored", async () => {
    const userId = crypto.randomUUID();
    const taskId = crypto.randomUUID();
    const [a, b] = [soon(1500), soon(2000)];
    await publish(reminderCancelled({ taskId, userId, taskVersion: 2 }));
    await publish(reminderScheduled({ taskId, userId, remindAt: a, remindAts: [a, b], taskVersion: 1 }));
    const other = crypto.randomUUID();
    await publish(reminderScheduled({ taskId: other, userId, remindAt: a, remindAts: [a, b], taskVersion: 1 }));
    await publish(reminderCancelled({ taskId: other, userId, taskVersion: 2 }));
    await Bun.sleep(3500);
    expect(await inboxOf(userId)).toEqual([]);
    expect(mailTo(userId)).toHaveLength(0);
  }, 30_000);
});

describe("snooze", () => {
  /** deliveredOnce delivers one reminder for a new task of a new user and answers its notification. */
  async function deliveredOnce(version = 1) {
    const userId = crypto.randomUUID();
    const taskId = crypto.randomUUID();
    const at = soon(500);
    await publish(reminderScheduled({ taskId, userId, remindAt: at, taskVersion: version, title: "Call the bank" }));
    const [notification] = await waitFor(
      "the reminder",
      async () => ((await inboxOf(userId)).length === 1 ? inboxOf(userId) : undefined),
      8000,
    );
    return { userId, taskId, notification: notification! };
  }

  test("10 minutes, 1 hour, tomorrow 09:00 in the profile zone; the snoozed reminder is delivered again", async () => {
    const { userId, taskId, notification } = await deliveredOnce();
    const client = await notificationClient(stack, userId);
    const before = Date.now();
    const ten = timestampDate(
      (await client.snoozeNotification({ id: notification.id, delay: SnoozeDelay.TEN_MINUTES })).remindAt!,
    );
    expect(ten.getTime() - before).toBeGreaterThanOrEqual(600_000 - 50);
    expect(ten.getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    const hour = timestampDate(
      (await client.snoozeNotification({ id: notification.id, delay: SnoozeDelay.ONE_HOUR })).remindAt!,
    );
    expect(Math.round((hour.getTime() - before) / 60_000)).toBe(60);
    const morning = timestampDate(
      (await client.snoozeNotification({ id: notification.id, delay: SnoozeDelay.TOMORROW_MORNING })).remindAt!,
    );
    // 09:00 in Karachi is 04:00 UTC, on the next Karachi day.
    expect(morning.getUTCHours()).toBe(4);
    expect(morning.getUTCMinutes()).toBe(0);
    expect(morning.getTime() - before).toBeGreaterThan(0);
    expect(morning.getTime() - before).toBeLessThanOrEqual(2 * 86_400_000);
    // One snooze per task: the last one wins, and snoozing marked the notification read.
    const rows = await scheduleRows(stack.deps.database.db, taskId);
    expect(rows.filter((r) => r.kind === "snooze").map((r) => [r.state, r.remindAt?.getTime()])).toEqual([
      ["pending", morning.getTime()],
    ]);
    expect((await inboxOf(userId))[0]!.read).toBe(true);

    // Bring the snooze forward (instead of waiting until tomorrow): it is delivered like any reminder, once more.
    const comeBack = soon(500);
    await stack.deps.database.db
      .update(reminderSchedules)
      .set({ remindAt: comeBack, nextAttemptAt: comeBack })
      .where(eq(reminderSchedules.id, `${taskId}@snooze`));
    await waitFor("the snoozed reminder", async () => (await inboxOf(userId)).length === 2, 8000);
    await waitFor("its email", () => mailTo(userId).length === 2, 5000);
    expect(mailTo(userId).map((m) => m.subject)).toEqual(["Reminder: Call the bank", "Reminder: Call the bank"]);
    const again = await inboxOf(userId);
    expect(again.map((n) => n.taskId)).toEqual([taskId, taskId]);
    expect(timestampDate(again[0]!.remindAt!).getTime()).toBe(comeBack.getTime());
  }, 30_000);

  test("another user's notification is NotFound and changes nothing; a bad delay is InvalidArgument", async () => {
    const { taskId, notification } = await deliveredOnce();
    const stranger = await notificationClient(stack, crypto.randomUUID());
    expect(await codeOf(stranger.snoozeNotification({ id: notification.id, delay: SnoozeDelay.ONE_HOUR }))).toBe(
      "NotFound",
    );
    expect((await scheduleRows(stack.deps.database.db, taskId)).filter((r) => r.kind === "snooze")).toEqual([]);
    expect(await codeOf(stranger.snoozeNotification({ id: notification.id, delay: SnoozeDelay.UNSPECIFIED }))).toBe(
      "InvalidArgument",
    );
    expect(await codeOf(stranger.snoozeNotification({ id: "not-a-uuid", delay: SnoozeDelay.ONE_HOUR }))).toBe(
      "InvalidArgument",
    );
  }, 30_000);

  test("completing the task cancels its snooze; a done task cannot be snoozed (FailedPrecondition)", async () => {
    const { userId, taskId, notification } = await deliveredOnce();
    const client = await notificationClient(stack, userId);
    await client.snoozeNotification({ id: notification.id, delay: SnoozeDelay.TEN_MINUTES });
    await stack.deps.bus.publish(topics.taskEvents, [taskCompleted({ taskId, userId, taskVersion: 2 })]);
    await waitFor(
      "the snooze cancelled",
      async () =>
        (await scheduleRows(stack.deps.database.db, taskId)).find((r) => r.kind === "snooze")?.state === "cancelled",
      5000,
    );
    expect(await codeOf(client.snoozeNotification({ id: notification.id, delay: SnoozeDelay.TEN_MINUTES }))).toBe(
      "FailedPrecondition",
    );
    expect((await scheduleRows(stack.deps.database.db, taskId)).filter((r) => r.state === "pending")).toEqual([]);
  }, 30_000);
});
