// Needs real Postgres and Kafka (npm run infra:up) and runs a real SMTP server (smtp-server) as the sink.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { topics } from "../../platform/bus/event-codec";
import { createKafkaBus } from "../../platform/bus/kafka-bus";
import { baseConfigShape, loadConfig } from "../../platform/config";
import { createLogger } from "../../platform/logger";
import { createMetrics } from "../../platform/metrics";
import { createClientFactory } from "../../platform/rpc/clients";
import { openRuntime, prepareModules, serviceDeps } from "../../platform/runtime";
import type { ServiceDeps, ServiceModule } from "../../platform/service";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { testKafkaBrokers } from "../../platform/testing/infra";
import { waitFor } from "../../platform/testing/wait";
import { notifications } from "../db/schema";
import { notificationFactory } from "../notification";
import { freshConsumerGroup, reminderScheduled, scheduleRow, untilConsuming } from "../testing/kit";
import { type SmtpSink, startSmtpSink } from "../testing/smtp-sink";

const factory = notificationFactory({
  lookupEmail: () => async (userId) => `${userId}@example.test`,
});
let sink: SmtpSink;
let first: TestStack;
let second: { deps: ServiceDeps; module: ServiceModule } | undefined;

/** A second process on the same database and consumer group, as after a restart (no new database). */
async function restartOn(env: Record<string, string | undefined>) {
  const config = loadConfig(baseConfigShape, env);
  const parts = await openRuntime("restarted", { ...config, TASKMESH_MODE: "embedded" }, env);
  const deps = await serviceDeps(
    parts,
    (token) => createClientFactory({ mode: "embedded", local: new Map(), internalToken: token }),
    5000,
  );
  const module = await factory(deps);
  await prepareModules(deps, [module]);
  return { deps, module };
}

/**
 * The first process's service, consumers and connections stop, as when it dies; its database is kept.
 * Its RPC listener takes no part in delivery and is closed with the stack at the end.
 */
async function stopFirst() {
  for (const module of first.modules) await module.stop?.();
  await first.deps.bus.close();
  await first.deps.database.close();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  first = await startTestStack([factory], {
    env: { SMTP_URL: sink.url, NOTIFICATION_CONSUMER_GROUP: await freshConsumerGroup() },
  });
  await untilConsuming(first.deps.bus, first.deps.database.db);
}, 60_000);

afterAll(async () => {
  if (second) {
    await second.module.stop?.();
    await second.deps.bus.close();
    await second.deps.database.close();
  }
  await first?.stop();
  await sink?.close();
}, 30_000);

test("reminders due while the service was down fire as soon as it is back; events published meanwhile are not lost", async () => {
  const userId = crypto.randomUUID();
  const email = `${userId}@example.test`;
  const dueWhileDown = crypto.randomUUID();
  const remindAt = new Date(Date.now() + 1500);
  await first.deps.bus.publish(topics.reminders, [
    reminderScheduled({ taskId: dueWhileDown, userId, remindAt, taskVersion: 1, title: "while down" }),
  ]);
  await waitFor(
    "the reminder armed",
    async () => (await scheduleRow(first.deps.database.db, dueWhileDown))?.state === "pending",
    5000,
  );
  const env = first.deps.env;
  await stopFirst();

  // Published while no consumer runs: the restarted one must pick it up from the group's offset.
  const publishedWhileDown = crypto.randomUUID();
  const publisher = createKafkaBus({
    brokers: testKafkaBrokers.split(","),
    clientId: "restart-test-publisher",
    logger: createLogger("restart-test", "silent"),
    metrics: createMetrics(),
  });
  await publisher.publish(topics.reminders, [
    reminderScheduled({
      taskId: publishedWhileDown,
      userId,
      remindAt: new Date(Date.now() + 2500),
      taskVersion: 1,
      title: "sent while down",
    }),
  ]);
  await publisher.close();

  await Bun.sleep(Math.max(0, remindAt.getTime() - Date.now()) + 1000);
  expect(sink.received).toHaveLength(0);

  const restartedAt = Date.now();
  second = await restartOn(env);
  await waitFor("the overdue reminder", () => sink.received.some((m) => m.subject === "Reminder: while down"), 5000);
  const overdue = sink.received.find((m) => m.subject === "Reminder: while down")!;
  expect(overdue.to).toEqual([email]);
  expect(overdue.receivedAt - restartedAt).toBeLessThan(1000);

  await waitFor(
    "the reminder published while down",
    () => sink.received.some((m) => m.subject === "Reminder: sent while down"),
    10_000,
  );
  await Bun.sleep(500);
  expect(sink.received.map((m) => m.subject).sort()).toEqual(["Reminder: sent while down", "Reminder: while down"]);
  const inbox = await second.deps.database.db.select().from(notifications).where(eq(notifications.userId, userId));
  expect(inbox.map((n) => n.title).sort()).toEqual(["sent while down", "while down"]);
}, 60_000);
