// Needs real Postgres and Kafka (npm run infra:up) and runs a real SMTP server (smtp-server) as the sink.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Notification } from "../../../gen/todo/v1/notification_service_pb";
import { topics } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { waitFor } from "../../platform/testing/wait";
import { notificationFactory } from "../notification";
import { freshConsumerGroup, notificationClient, reminderScheduled, untilConsuming } from "../testing/kit";
import { type SmtpSink, startSmtpSink } from "../testing/smtp-sink";

/** deliveredBy names, per user, the replica that delivered their reminder (the one that looked up the address). */
const deliveredBy = new Map<string, string>();
const replicaFactory = (name: string) =>
  notificationFactory({
    lookupEmail: () => async (userId) => {
      deliveredBy.set(userId, name);
      return `${userId}@example.test`;
    },
  });
let sink: SmtpSink;
let replicaA: TestStack;
let replicaB: TestStack;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  // Both replicas share one durable group, as replicas do; a fresh one, so no other run's reminders replay.
  const env = { SMTP_URL: sink.url, NOTIFICATION_CONSUMER_GROUP: await freshConsumerGroup() };
  replicaA = await startTestStack([replicaFactory("A")], { env });
  replicaB = await startTestStack([replicaFactory("B")], { env, databaseUrl: replicaA.databaseUrl });
  await untilConsuming(replicaA.deps.bus, replicaA.deps.database.db);
}, 90_000);

afterAll(async () => {
  await Promise.all(open.map((stream) => stream.close()));
  await replicaB?.stop();
  await replicaA?.stop();
  await sink?.close();
}, 30_000);

/** watch opens a WatchNotifications stream on a replica as the user and collects what it pushes. */
async function watch(stack: TestStack, userId: string) {
  const client = await notificationClient(stack, userId);
  const controller = new AbortController();
  const pushed: Notification[] = [];
  let opened = false;
  const done = (async () => {
    for await (const item of client.watchNotifications({}, { signal: controller.signal })) {
      if (item.heartbeat) opened = true;
      if (item.notification) pushed.push(item.notification);
    }
  })().catch(() => undefined);
  const stream = { pushed, close: async () => (controller.abort(), await done) };
  open.push(stream);
  await waitFor("the stream to open", () => opened, 5000);
  return stream;
}

test("a reminder reaches its user's streams on every replica, live and exactly once, whichever replica delivered it", async () => {
  const users = Array.from({ length: 8 }, () => crypto.randomUUID());
  const streams = new Map<string, { A: Awaited<ReturnType<typeof watch>>; B: Awaited<ReturnType<typeof watch>> }>();
  for (const userId of users)
    streams.set(userId, { A: await watch(replicaA, userId), B: await watch(replicaB, userId) });
  const strangers = [await watch(replicaA, crypto.randomUUID()), await watch(replicaB, crypto.randomUUID())];

  const remindAt = new Date(Date.now() + 2500);
  const dueAt = new Date(remindAt.getTime() + 3_600_000);
  await replicaA.deps.bus.publish(
    topics.reminders,
    users.map((userId, i) =>
      reminderScheduled({ taskId: crypto.randomUUID(), userId, remindAt, dueAt, taskVersion: 1, title: `live ${i}` }),
    ),
  );

  const everyStreamHasOne = () =>
    [...streams.values()].every(({ A, B }) => A.pushed.length >= 1 && B.pushed.length >= 1);
  await waitFor("every stream on both replicas to get its user's reminder", everyStreamHasOne, 10_000);
  // Long enough for the delivering replica's own ReminderDelivered to come back: it must not push twice.
  await Bun.sleep(1500);

  expect(deliveredBy.size).toBe(users.length);
  for (const [userId, { A, B }] of streams) {
    const [listed] = (await (await notificationClient(replicaA, userId)).listNotifications({})).notifications;
    const [delivering, other] = deliveredBy.get(userId) === "A" ? [A, B] : [B, A];
    expect(delivering.pushed).toEqual([listed!]);
    // The stream on the replica that did not deliver it gets the same message a direct push carries.
    expect(other.pushed).toEqual([listed!]);
    expect(listed!.body).not.toBe("");
    expect(listed!.dueAt).toBeDefined();
  }
  for (const stranger of strangers) expect(stranger.pushed).toEqual([]);
}, 60_000);
