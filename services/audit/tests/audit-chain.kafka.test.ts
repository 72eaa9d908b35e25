// Needs real Postgres and Kafka (npm run infra:up).
import { afterAll, beforeAll, expect, test } from "bun:test";
import postgres from "postgres";
import { TaskCompletedSchema, TaskCreatedSchema, TaskUpdatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { topics } from "../../platform/bus/event-codec";
import { waitFor } from "../../platform/testing/wait";
import { type AuditStack, auditClient, event, publish, startAuditStack } from "../testing/kit";

let audit: AuditStack;
let sql: postgres.Sql;

beforeAll(async () => {
  audit = await startAuditStack();
  sql = postgres(audit.stack.databaseUrl, { max: 2, onnotice: () => {} });
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await audit?.stack.stop();
}, 30_000);

/** historyOf publishes six task events for a fresh user and waits until all are recorded. */
async function historyOf(userId: string): Promise<void> {
  const taskId = crypto.randomUUID();
  const task = { id: taskId, title: "Submit report" };
  await publish(
    audit.stack,
    topics.taskEvents,
    taskId,
    event(TaskCreatedSchema, userId, { task }),
    ...Array.from({ length: 4 }, (_, i) =>
      event(TaskUpdatedSchema, userId, { task: { ...task, description: `draft ${i}` } }),
    ),
    event(TaskCompletedSchema, userId, { task }),
  );
  const client = await auditClient(audit.stack, userId);
  await waitFor("six recorded events", async () => (await client.listAuditEvents({})).events.length === 6);
}

test("an intact chain verifies, and the database refuses plain UPDATE and DELETE", async () => {
  const userId = crypto.randomUUID();
  await historyOf(userId);
  const client = await auditClient(audit.stack, userId);
  expect(await client.verifyAuditChain({})).toMatchObject({
    valid: true,
    checked: 6n,
    firstBrokenSequence: 0n,
    reason: "",
  });

  await expect(sql`update audit.audit_events set payload_json = '{}' where user_id = ${userId}`).rejects.toThrow(
    /append-only/,
  );
  await expect(sql`delete from audit.audit_events where user_id = ${userId} and sequence = 6`).rejects.toThrow(
    /append-only/,
  );
  expect(await client.verifyAuditChain({})).toMatchObject({ valid: true, checked: 6n });
});

test("a payload changed directly in Postgres makes VerifyAuditChain fail at that record; other chains stay valid", async () => {
  const victim = crypto.randomUUID();
  const bystander = crypto.randomUUID();
  await Promise.all([historyOf(victim), historyOf(bystander)]);
  const [target] = await sql<
    { event_id: string }[]
  >`select event_id from audit.audit_events where user_id = ${victim} and sequence = 3`;

  // Tampering takes owner rights: switch the append-only trigger off, change the row, switch it on.
  await sql.begin(async (tx) => {
    await tx.unsafe("alter table audit.audit_events disable trigger audit_events_append_only");
    await tx`update audit.audit_events set payload_json = replace(payload_json, 'draft', 'forged') where user_id = ${victim} and sequence = 3`;
    await tx.unsafe("alter table audit.audit_events enable trigger audit_events_append_only");
  });

  const verdict = await (await auditClient(audit.stack, victim)).verifyAuditChain({});
  expect(verdict).toMatchObject({
    valid: false,
    checked: 2n,
    firstBrokenSequence: 3n,
    firstBrokenEventId: target!.event_id,
  });
  expect(verdict.reason).toContain("hash mismatch");
  expect(await (await auditClient(audit.stack, bystander)).verifyAuditChain({})).toMatchObject({
    valid: true,
    checked: 6n,
  });
});

test("a user with no history has a valid, empty chain", async () => {
  const client = await auditClient(audit.stack, crypto.randomUUID());
  expect(await client.verifyAuditChain({})).toMatchObject({ valid: true, checked: 0n });
  expect((await client.listAuditEvents({})).events).toEqual([]);
});
