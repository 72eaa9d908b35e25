// Needs real Postgres and Kafka (npm run infra:up). Issue 13 (account): one AccountDeleted event erases the
// account's data in every service — notification (schedules, inbox, preferences, outbox), recurring (its
// outbox's RecurringTaskGenerated rows) and audit (the chain, kept as a tombstone head) — while another
// user's data and audit chain stay intact; a redelivered AccountDeleted changes nothing.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { sql } from "drizzle-orm";
import { AccountDeletedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { RepeatFrom } from "../../../gen/todo/v1/task_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { createAudit } from "../../audit/audit";
import { createNotification } from "../../notification/notification";
import { encodeEvent, newEventMeta, topics } from "../../platform/bus/event-codec";
import { rowsOf } from "../../platform/db/database";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { startGroupAtEnd } from "../../platform/testing/kafka-groups";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { createRecurring } from "../../recurring/recurring";
import { createOrchestrator } from "../orchestrator";

let stack: TestStack;
const password = "correct horse battery";

beforeAll(async () => {
  const run = crypto.randomUUID().slice(0, 8);
  const groups = { notification: `acct-notif-${run}`, recurring: `acct-rec-${run}`, audit: `acct-audit-${run}` };
  // Every group starts at the topics' ends: no replay of other runs, nothing published from now on missed.
  await Promise.all([
    startGroupAtEnd(groups.notification, topics.reminders),
    startGroupAtEnd(groups.notification, topics.taskEvents),
    startGroupAtEnd(`${groups.notification}-account-mail`, topics.auditEvents),
    startGroupAtEnd(groups.recurring, topics.taskEvents),
    startGroupAtEnd(`${groups.recurring}-accounts`, topics.auditEvents),
    ...[topics.taskEvents, topics.taskUpdates, topics.reminders, topics.auditEvents].map((t) =>
      startGroupAtEnd(groups.audit, t),
    ),
  ]);
  stack = await startTestStack([createOrchestrator, createNotification, createRecurring, createAudit], {
    env: {
      RECURRING_CONSUMER_GROUP: groups.recurring,
      NOTIFICATION_CONSUMER_GROUP: groups.notification,
      AUDIT_CONSUMER_GROUP: groups.audit,
      RECURRENCE_ENGINE: "local",
    },
  });
  // Joining a group on the busy shared broker can take a while: wait until audit records a probe.
  const probe = crypto.randomUUID();
  await waitFor(
    "the audit consumer reading",
    async () => {
      const event = create(TaskCreatedSchema, {
        meta: newEventMeta({ userId: probe, correlationId: probe }),
        task: { id: probe, title: "probe" },
      });
      await stack.deps.bus.publish(topics.taskEvents, [encodeEvent(event, probe, "/test")]);
      await Bun.sleep(500);
      return (await count(sql`select count(*)::int as n from audit.audit_events where user_id = ${probe}`)) > 0;
    },
    120_000,
  );
}, 240_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const count = async (statement: ReturnType<typeof sql>) =>
  rowsOf<{ n: number }>(await stack.deps.database.db.execute(statement))[0]!.n;

/** footprint counts the rows each service holds for a user (by the same columns the erasure uses). */
const footprint = async (userId: string) => ({
  schedules: await count(sql`select count(*)::int as n from notification.reminder_schedules where user_id = ${userId}`),
  inbox: await count(sql`select count(*)::int as n from notification.notifications where user_id = ${userId}`),
  preferences: await count(sql`select count(*)::int as n from notification.preferences where user_id = ${userId}`),
  generated: await count(
    sql`select count(*)::int as n from recurring.outbox where position(convert_to(${userId}, 'UTF8') in payload) > 0`,
  ),
  audit: await count(sql`select count(*)::int as n from audit.audit_events where user_id = ${userId}`),
});

/** userWithHistory signs up and leaves a trace in every service: a delivered and a pending reminder, preferences, a next instance. */
async function userWithHistory(name: string) {
  const email = `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const { user, tokens } = await connectClient(AuthService, stack.baseUrl).register({
    email,
    password,
    displayName: name,
  });
  const token = tokens!.accessToken;
  const tasks = connectClient(TaskService, stack.baseUrl, token);
  const soon = timestampFromDate(new Date(Date.now() + 1000));
  const later = timestampFromDate(new Date(Date.now() + 24 * 3600_000));
  await tasks.createTask({ title: `${name} soon`, reminder: { when: { case: "remindAt", value: soon } } });
  await tasks.createTask({ title: `${name} tomorrow`, reminder: { when: { case: "remindAt", value: later } } });
  const { task: weekly } = await tasks.createTask({
    title: `${name} weekly`,
    dueAt: later,
    recurrence: { rrule: "FREQ=WEEKLY", repeatFrom: RepeatFrom.DUE },
  });
  await tasks.completeTask({ id: weekly!.id });
  await connectClient(NotificationService, stack.baseUrl, token).updatePreferences({
    preferences: { emailEnabled: false, inAppEnabled: true },
  });
  const userId = user!.id;
  let last = await footprint(userId);
  await waitFor(
    `${name}'s trace in every service`,
    async () => {
      last = await footprint(userId);
      const f = last;
      return (f.schedules >= 2 && f.inbox >= 1 && f.preferences === 1 && f.generated >= 1 && f.audit >= 6) || undefined;
    },
    60_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; last seen ${JSON.stringify(last)}`);
  });
  return { userId, token, email };
}

test("one AccountDeleted erases the account in notification, recurring and audit; a bystander is untouched", async () => {
  const [leaving, staying] = await Promise.all([userWithHistory("leaving"), userWithHistory("staying")]);
  const before = await footprint(staying.userId);

  await connectClient(AuthService, stack.baseUrl, leaving.token).deleteAccount({ password });
  const started = Date.now();
  let seen = await footprint(leaving.userId);
  const gone = await waitFor(
    "the account erased everywhere",
    async () => {
      seen = await footprint(leaving.userId);
      return Object.values(seen).every((n) => n === 0) ? seen : undefined;
    },
    // A consumer group that joined the busy shared broker late still gets the event (its offsets were
    // placed before), only later.
    60_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; last seen ${JSON.stringify(seen)}`);
  });
  console.log(`AccountDeleted reached notification, recurring and audit in ${Date.now() - started} ms`);
  expect(gone).toEqual({ schedules: 0, inbox: 0, preferences: 0, generated: 0, audit: 0 });
  const [head] = rowsOf<{ erased: boolean; sequence: number }>(
    await stack.deps.database.db.execute(
      sql`select erased_at is not null as erased, sequence::int as sequence from audit.chain_heads where user_id = ${leaving.userId}`,
    ),
  );
  expect(head!.erased).toBe(true);
  expect(head!.sequence).toBeGreaterThanOrEqual(6);

  // The bystander: same rows (its chain may only have grown) and a chain that still verifies.
  const after = await footprint(staying.userId);
  expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
  const chain = await connectClient(AuditService, stack.baseUrl, staying.token).verifyAuditChain({});
  expect(chain.valid).toBe(true);
  expect(Number(chain.checked)).toBeGreaterThanOrEqual(before.audit);

  // Late events of the account (published before the deletion, consumed after it) and a redelivered
  // AccountDeleted add nothing: the erased chain takes no appends, the consumers are idempotent.
  const late = create(TaskCreatedSchema, {
    meta: newEventMeta({ userId: leaving.userId, correlationId: crypto.randomUUID() }),
    task: { id: crypto.randomUUID(), title: "late" },
  });
  const again = create(AccountDeletedSchema, {
    meta: newEventMeta({ userId: leaving.userId, correlationId: crypto.randomUUID() }),
  });
  await stack.deps.bus.publish(topics.taskEvents, [encodeEvent(late, late.task!.id, "/test")]);
  await stack.deps.bus.publish(topics.auditEvents, [encodeEvent(again, leaving.userId, "/test")]);
  const probe = await userWithHistory("probe");
  expect(probe.userId).not.toBe(leaving.userId);
  expect(await footprint(leaving.userId)).toEqual({ schedules: 0, inbox: 0, preferences: 0, generated: 0, audit: 0 });
}, 240_000);
