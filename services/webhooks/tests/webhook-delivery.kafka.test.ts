import { afterAll, beforeAll, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { type WebhookDelivery, WebhookDeliveryStatus } from "../../../gen/todo/v1/webhook_service_pb";
import { encodeEvent, newEventMeta, topics } from "../../platform/bus/event-codec";
import { waitFor } from "../../platform/testing/wait";
import { pruneHistory } from "../db/delivery-store";
import { type Received, startReceiver, type TestReceiver } from "../testing/receiver";
import { startWebhooksStack, type WebhooksStack } from "../testing/stack";

// 15 retries, 100 ms to 400 ms apart: about 5.7 s of retrying before a dead letter.
const schedule = "100,200,400,400,400,400,400,400,400,400,400,400,400,400,400";
const types = ["task.created", "task.updated", "task.completed"];

let env: WebhooksStack;
let receiver: TestReceiver;
let endpointId: string;
const startedAt = new Date();

beforeAll(async () => {
  env = await startWebhooksStack({ schedule });
  receiver = startReceiver();
  const created = await env.webhooks.createWebhookEndpoint({ url: receiver.url, eventTypes: types });
  endpointId = created.endpoint!.id;
  receiver.setSecret(created.secret);
  expect(created.secret).toMatch(/^whsec_/);
}, 30_000);

afterAll(async () => {
  await receiver?.stop();
  await env?.stop();
});

async function allDeliveries(id = endpointId): Promise<WebhookDelivery[]> {
  const out: WebhookDelivery[] = [];
  let pageToken = "";
  do {
    const page = await env.webhooks.listWebhookDeliveries({ endpointId: id, pageSize: 20, pageToken });
    out.push(...page.deliveries);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

const byTask = (received: Received[]) => {
  const map = new Map<string, string[]>();
  for (const r of received) map.set(r.key, [...(map.get(r.key) ?? []), r.type]);
  return map;
};

test("a receiver failing (503), then down, then up gets every event once per webhook-id, in order per task, signed", async () => {
  receiver.setMode("fail");
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const { task } = await env.tasks.createTask({ title: `webhook task ${i}` });
    ids.push(task!.id);
  }
  for (const id of ids) {
    await env.tasks.updateTask({ id, updateMask: { paths: ["title"] }, title: `${id} renamed` });
    await env.tasks.completeTask({ id });
  }
  // The receiver refuses for a while: attempts come and fail.
  await waitFor("failed attempts", () => (receiver.requests >= 8 ? true : undefined), 60_000);
  await receiver.down();
  await Bun.sleep(1000);
  receiver.setMode("ok");
  receiver.up();

  await waitFor("all 12 events accepted", () => (receiver.accepted.length >= 12 ? true : undefined), 60_000);
  await Bun.sleep(500);
  expect(receiver.badSignatures).toBe(0);
  expect(receiver.accepted).toHaveLength(12);
  const webhookIds = receiver.accepted.map((r) => r.webhookId);
  expect(new Set(webhookIds).size).toBe(12);
  const order = byTask(receiver.accepted);
  for (const id of ids) expect(order.get(id)).toEqual(["task.created", "task.updated", "task.completed"]);

  const log = await allDeliveries();
  expect(log).toHaveLength(12);
  expect(log.every((d) => d.status === WebhookDeliveryStatus.SUCCEEDED)).toBe(true);
  expect(log.some((d) => d.attempts > 1)).toBe(true);
  expect(new Set(log.map((d) => d.webhookId))).toEqual(new Set(webhookIds));
}, 150_000);

test("a redelivered bus message queues nothing twice (the consumer is idempotent on the event id)", async () => {
  const before = receiver.accepted.length;
  // An id that is not a UUID (the contract says string) is kept and delivered like any other.
  const meta = {
    ...newEventMeta({ userId: env.userId, correlationId: crypto.randomUUID() }),
    eventId: `probe-${crypto.randomUUID()}`,
  };
  const event = create(TaskCreatedSchema, {
    meta,
    task: { id: crypto.randomUUID(), title: "published twice" },
  });
  const message = encodeEvent(event, event.task!.id, "/test");
  await env.stack.deps.bus.publish(topics.taskEvents, [message]);
  await env.stack.deps.bus.publish(topics.taskEvents, [message]);
  await waitFor("the event", () => (receiver.accepted.length > before ? true : undefined), 60_000);
  await Bun.sleep(1500);
  const same = receiver.accepted.filter((r) => r.eventId === event.meta!.eventId);
  expect(same).toHaveLength(1);
  expect((await allDeliveries()).filter((d) => d.eventId === event.meta!.eventId)).toHaveLength(1);
}, 90_000);

test("replay since a time sends the kept events again with the same webhook-ids, in order per task", async () => {
  const before = receiver.accepted.slice();
  const seenIds = new Set(before.map((r) => r.webhookId));
  receiver.accepted.length = 0;
  const { queued } = await env.webhooks.replayWebhookEvents({ endpointId, since: timestampFromDate(startedAt) });
  expect(queued).toBe(before.length);
  await waitFor("replayed", () => (receiver.accepted.length >= before.length ? true : undefined), 60_000);
  expect(new Set(receiver.accepted.map((r) => r.webhookId))).toEqual(seenIds);
  const was = byTask(before);
  for (const [key, sequence] of byTask(receiver.accepted)) expect(sequence).toEqual(was.get(key)!);
}, 90_000);

test("a receiver down past the whole schedule leaves a dead letter in the log; redeliver sends it with the same id", async () => {
  const late = startReceiver();
  const { endpoint, secret } = await env.webhooks.createWebhookEndpoint({
    url: late.url,
    eventTypes: ["task.created"],
  });
  late.setSecret(secret);
  await late.down();
  const { task } = await env.tasks.createTask({ title: "nobody is listening" });
  const dead = await waitFor(
    "a dead letter",
    async () => (await allDeliveries(endpoint!.id)).find((d) => d.status === WebhookDeliveryStatus.DEAD),
    90_000,
  );
  expect(dead.attempts).toBe(16);
  expect(dead.lastError).not.toBe("");
  // Every attempt is in the log, newest first, not only the latest.
  expect(dead.attemptHistory.map((a) => a.attempt)).toEqual(Array.from({ length: 16 }, (_, i) => 16 - i));
  expect(dead.attemptHistory.every((a) => !a.succeeded && a.error !== "" && a.statusCode === 0)).toBe(true);
  expect(JSON.parse(dead.payload).data.task.id).toBe(task!.id);

  late.up();
  const { delivery } = await env.webhooks.redeliverWebhook({ endpointId: endpoint!.id, deliveryId: dead.id });
  expect(delivery!.status).toBe(WebhookDeliveryStatus.PENDING);
  await waitFor("redelivered", () => (late.accepted.length > 0 ? true : undefined), 30_000);
  expect(late.accepted[0]!.webhookId).toBe(dead.webhookId);
  expect(late.badSignatures).toBe(0);
  const after = await waitFor(
    "succeeded",
    async () => (await allDeliveries(endpoint!.id)).find((d) => d.status === WebhookDeliveryStatus.SUCCEEDED),
    30_000,
  );
  expect(after.id).toBe(dead.id);
  // The redeliver's schedule starts again at 1, after the 16 failed attempts.
  expect(after.attemptHistory.map((a) => [a.attempt, a.succeeded])).toEqual([
    [1, true],
    ...dead.attemptHistory.map((a) => [a.attempt, false]),
  ]);
  expect(after.attemptHistory[0]!.durationMs).toBeGreaterThanOrEqual(0);
  // The hourly prune keeps the newest WEBHOOKS_ATTEMPTS_KEPT of a delivery, and none past the retention.
  const db = env.stack.deps.database.db;
  await pruneHistory(db, new Date(0), { since: new Date(0), kept: 3 });
  const trimmed = (await allDeliveries(endpoint!.id)).find((d) => d.id === dead.id)!;
  expect(trimmed.attemptHistory.map((a) => a.attempt)).toEqual([1, 16, 15]);
  await pruneHistory(db, new Date(0), { since: new Date(Date.now() + 1000), kept: 3 });
  const expired = (await allDeliveries(endpoint!.id)).find((d) => d.id === dead.id)!;
  expect(expired.attemptHistory).toEqual([]);
  expect(expired.status).toBe(WebhookDeliveryStatus.SUCCEEDED);
  await late.stop();
}, 180_000);
