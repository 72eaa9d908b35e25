// Needs real Postgres (npm run infra:up); events go through the in-memory bus, email to a real SMTP sink.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { topics } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { waitFor } from "../../platform/testing/wait";
import { notificationFactory } from "../notification";
import { notificationClient, reminderScheduled, scheduleRow } from "../testing/kit";
import { emailOf, type SinkStack, startSinkStack } from "../testing/sink-stack";
import type { SmtpSink } from "../testing/smtp-sink";

let mail: SinkStack;
let sink: SmtpSink;
let stack: TestStack;

beforeAll(async () => {
  mail = await startSinkStack({ heartbeatMs: 200 });
  ({ sink, stack } = mail);
}, 30_000);

afterAll(() => mail?.stop(), 30_000);

const remindNow = async (userId: string, title: string, offsetMs = -1000) => {
  const taskId = crypto.randomUUID();
  await stack.deps.bus.publish(topics.reminders, [
    reminderScheduled({ taskId, userId, remindAt: new Date(Date.now() + offsetMs), taskVersion: 1, title }),
  ]);
  return taskId;
};
const settled = (taskId: string) => async () =>
  (await scheduleRow(stack.deps.database.db, taskId))?.state === "delivered";
const codeOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
};

test("the inbox pages newest first, counts unread, and marks read by id or all, for the caller only", async () => {
  const owner = crypto.randomUUID();
  const client = await notificationClient(stack, owner);
  const stranger = await notificationClient(stack, crypto.randomUUID());
  for (const title of ["first", "second", "third"]) {
    await waitFor(title, settled(await remindNow(owner, title)), 5000);
  }

  const page1 = await client.listNotifications({ pageSize: 2 });
  expect(page1.notifications.map((n) => n.title)).toEqual(["third", "second"]);
  expect(page1.unreadCount).toBe(3n);
  expect(page1.nextPageToken).not.toBe("");
  const page2 = await client.listNotifications({ pageSize: 2, pageToken: page1.nextPageToken });
  expect(page2.notifications.map((n) => n.title)).toEqual(["first"]);
  expect(page2.nextPageToken).toBe("");
  expect(await codeOf(client.listNotifications({ pageToken: "bm90LWEtdG9rZW4" }))).toBe(Code.InvalidArgument);

  const second = page1.notifications[1]!;
  expect(await codeOf(stranger.markRead({ ids: [second.id] }))).toBe(Code.NotFound);
  expect((await stranger.listNotifications({})).notifications).toHaveLength(0);
  expect((await client.markRead({ ids: [second.id] })).unreadCount).toBe(2n);
  const unread = await client.listNotifications({ unreadOnly: true });
  expect(unread.notifications.map((n) => n.title)).toEqual(["third", "first"]);
  expect((await client.listNotifications({})).notifications.find((n) => n.id === second.id)?.read).toBe(true);
  expect((await client.markRead({ all: true })).unreadCount).toBe(0n);
  expect((await client.listNotifications({ unreadOnly: true })).notifications).toHaveLength(0);
}, 30_000);

test("preferences default to both channels and decide where a reminder goes", async () => {
  const userId = crypto.randomUUID();
  const client = await notificationClient(stack, userId);
  expect((await client.getPreferences({})).preferences).toMatchObject({ emailEnabled: true, inAppEnabled: true });

  await client.updatePreferences({ preferences: { emailEnabled: true, inAppEnabled: false } });
  expect((await client.getPreferences({})).preferences).toMatchObject({ emailEnabled: true, inAppEnabled: false });
  const emailOnly = await remindNow(userId, "email only");
  await waitFor("email-only reminder", settled(emailOnly), 5000);
  expect(sink.received.filter((m) => m.to.includes(emailOf(userId))).map((m) => m.subject)).toEqual([
    "Reminder: email only",
  ]);
  expect((await client.listNotifications({})).notifications).toHaveLength(0);

  await client.updatePreferences({ preferences: { emailEnabled: false, inAppEnabled: true } });
  const inAppOnly = await remindNow(userId, "in-app only");
  await waitFor("in-app-only reminder", settled(inAppOnly), 5000);
  expect((await client.listNotifications({})).notifications.map((n) => n.title)).toEqual(["in-app only"]);
  expect(sink.received.filter((m) => m.to.includes(emailOf(userId)))).toHaveLength(1);
  expect(await codeOf(client.updatePreferences({}))).toBe(Code.InvalidArgument);
}, 30_000);

test("WatchNotifications pushes only the caller's notifications, with heartbeats, and needs a token", async () => {
  const watcher = crypto.randomUUID();
  const other = crypto.randomUUID();
  const client = await notificationClient(stack, watcher);
  const abort = new AbortController();
  const titles: string[] = [];
  let heartbeats = 0;
  const watching = (async () => {
    for await (const item of client.watchNotifications({}, { signal: abort.signal })) {
      if (item.heartbeat) heartbeats += 1;
      if (item.notification) titles.push(item.notification.title);
    }
  })().catch(() => undefined);
  await waitFor("the stream to open", () => heartbeats > 0, 5000);
  await waitFor("other user's reminder", settled(await remindNow(other, "not yours")), 5000);
  await waitFor("watcher's reminder", settled(await remindNow(watcher, "yours")), 5000);
  await waitFor("push and heartbeats", () => titles.length > 0 && heartbeats >= 3, 5000);
  expect(titles).toEqual(["yours"]);
  abort.abort();
  await watching;

  const anonymous = await notificationClient(stack);
  expect(await codeOf(anonymous.listNotifications({}))).toBe(Code.Unauthenticated);
  expect(await codeOf(anonymous.listNotifications({}, { headers: { authorization: "Bearer forged" } }))).toBe(
    Code.Unauthenticated,
  );
}, 30_000);

test("without SMTP_URL the email is written to the log and in-app delivery still works", async () => {
  const logOnly = await startTestStack(
    [notificationFactory({ lookupEmail: () => async (userId) => emailOf(userId) })],
    {
      kafka: false,
      env: { SMTP_URL: undefined },
    },
  );
  try {
    const userId = crypto.randomUUID();
    const taskId = crypto.randomUUID();
    const before = sink.received.length;
    await logOnly.deps.bus.publish(topics.reminders, [
      reminderScheduled({ taskId, userId, remindAt: new Date(Date.now() - 10), taskVersion: 1, title: "logged" }),
    ]);
    await waitFor(
      "delivery",
      async () => (await scheduleRow(logOnly.deps.database.db, taskId))?.state === "delivered",
      5000,
    );
    const client = await notificationClient(logOnly, userId);
    expect((await client.listNotifications({})).notifications.map((n) => n.title)).toEqual(["logged"]);
    expect(sink.received.length).toBe(before);
  } finally {
    await logOnly.stop();
  }
}, 30_000);
