// Needs real Postgres (npm run infra:up): the append-only rules live in the database; so does migration 0003's
// backfill of the project tree and memberships (project-tree.ts) from the history already recorded.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createAudit } from "../audit";
import { appendAuditEntry, type NewAuditEntry, verifyUserChain } from "./audit-store";
import { auditEvents, chainHeads } from "./schema";

let stack: TestStack;
let sql: postgres.Sql;

const entry = (userId: string, n: number): NewAuditEntry => ({
  userId,
  eventId: crypto.randomUUID(),
  eventType: "todo.events.v1.TaskUpdated",
  topic: "task-events",
  taskId: `task-${n % 3}`,
  occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)),
  summary: `update ${n}`,
  payloadJson: JSON.stringify({ n }),
});

/** withTriggerDisabled runs a statement with the append-only triggers off, as someone with owner rights could. */
const withTriggerDisabled = (statement: string) =>
  sql.begin(async (tx) => {
    await tx.unsafe("alter table audit.audit_events disable trigger user");
    await tx.unsafe(statement);
    await tx.unsafe("alter table audit.audit_events enable trigger user");
  });

beforeAll(async () => {
  stack = await startTestStack([createAudit], { kafka: false });
  sql = postgres(stack.databaseUrl, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await stack?.stop();
});

describe("appendAuditEntry", () => {
  test("concurrent appends for one user build one linear chain", async () => {
    const userId = crypto.randomUUID();
    const db = stack.deps.database.db;
    await Promise.all(
      Array.from({ length: 40 }, (_, n) => db.transaction((tx) => appendAuditEntry(tx, entry(userId, n)))),
    );
    const rows = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.userId, userId))
      .orderBy(asc(auditEvents.sequence));
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.previousHash).toBe(rows[i - 1]!.hash);
    expect(await verifyUserChain(db, userId)).toEqual({ valid: true, checked: 40 });
    const [head] = await db.select().from(chainHeads).where(eq(chainHeads.userId, userId));
    expect(head).toMatchObject({ sequence: 40, hash: rows[39]!.hash });
  });

  test("an event id already in the log is not appended again", async () => {
    const userId = crypto.randomUUID();
    const db = stack.deps.database.db;
    const once = entry(userId, 1);
    expect(await db.transaction((tx) => appendAuditEntry(tx, once))).toMatchObject({ sequence: 1 });
    expect(await db.transaction((tx) => appendAuditEntry(tx, once))).toBeUndefined();
    expect(await db.transaction((tx) => appendAuditEntry(tx, entry(userId, 2)))).toMatchObject({ sequence: 2 });
    expect(await verifyUserChain(db, userId)).toEqual({ valid: true, checked: 2 });
  });
});

describe("the database keeps the log append-only", () => {
  test("UPDATE, DELETE and TRUNCATE of audit_events are rejected", async () => {
    const userId = crypto.randomUUID();
    await stack.deps.database.db.transaction((tx) => appendAuditEntry(tx, entry(userId, 1)));
    await expect(sql`update audit.audit_events set summary = 'changed' where user_id = ${userId}`).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(sql`delete from audit.audit_events where user_id = ${userId}`).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`truncate audit.audit_events`).rejects.toThrow(/append-only: TRUNCATE/);
    const [row] = await sql`select summary from audit.audit_events where user_id = ${userId}`;
    expect(row?.summary).toBe("update 1");
  });

  test("a chain head cannot be removed or set back", async () => {
    const userId = crypto.randomUUID();
    await stack.deps.database.db.transaction((tx) => appendAuditEntry(tx, entry(userId, 1)));
    await expect(sql`update audit.chain_heads set sequence = 0 where user_id = ${userId}`).rejects.toThrow(
      /only moves forward/,
    );
    await expect(sql`delete from audit.chain_heads where user_id = ${userId}`).rejects.toThrow(/only moves forward/);
    await expect(sql`truncate audit.chain_heads`).rejects.toThrow(/only moves forward/);
  });
});

describe("verifyUserChain against direct tampering", () => {
  test("a change deep in a long chain (past the first read batch) is found at its sequence", async () => {
    const userId = crypto.randomUUID();
    const db = stack.deps.database.db;
    await db.transaction(async (tx) => {
      for (let n = 0; n < 1205; n += 1) await appendAuditEntry(tx, entry(userId, n));
    });
    expect(await verifyUserChain(db, userId)).toEqual({ valid: true, checked: 1205 });
    await withTriggerDisabled(
      `update audit.audit_events set payload_json = '{"n":-1}' where user_id = '${userId}' and sequence = 1100`,
    );
    const [tampered] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, userId), eq(auditEvents.sequence, 1100)));
    expect(await verifyUserChain(db, userId)).toEqual({
      valid: false,
      checked: 1099,
      broken: {
        kind: "hash_mismatch",
        sequence: 1100,
        eventId: tampered!.eventId,
        reason: expect.stringContaining("hash mismatch"),
      },
    });
  }, 60_000);

  test("deleting the newest records is found through the chain head", async () => {
    const userId = crypto.randomUUID();
    const db = stack.deps.database.db;
    await db.transaction(async (tx) => {
      for (let n = 0; n < 5; n += 1) await appendAuditEntry(tx, entry(userId, n));
    });
    await withTriggerDisabled(`delete from audit.audit_events where user_id = '${userId}' and sequence >= 4`);
    expect(await verifyUserChain(db, userId)).toMatchObject({
      valid: false,
      checked: 3,
      broken: { kind: "truncated", sequence: 4 },
    });
  });

  test("deleting a record in the middle is a sequence gap", async () => {
    const userId = crypto.randomUUID();
    const db = stack.deps.database.db;
    await db.transaction(async (tx) => {
      for (let n = 0; n < 5; n += 1) await appendAuditEntry(tx, entry(userId, n));
    });
    await withTriggerDisabled(`delete from audit.audit_events where user_id = '${userId}' and sequence = 2`);
    expect(await verifyUserChain(db, userId)).toMatchObject({
      valid: false,
      checked: 1,
      broken: { kind: "sequence_gap", sequence: 3 },
    });
  });
});

describe("erasing a deleted account's chain (migration 0002)", () => {
  test("records are deletable only once the head is marked erased, which stops appends and cannot be undone", async () => {
    const userId = crypto.randomUUID();
    const bystander = crypto.randomUUID();
    const db = stack.deps.database.db;
    await db.transaction(async (tx) => {
      for (let n = 0; n < 3; n += 1) {
        await appendAuditEntry(tx, entry(userId, n));
        await appendAuditEntry(tx, entry(bystander, n));
      }
    });
    await expect(sql`delete from audit.audit_events where user_id = ${userId}`).rejects.toThrow(/append-only/);

    await sql`update audit.chain_heads set erased_at = now() where user_id = ${userId}`;
    await sql`delete from audit.audit_events where user_id = ${userId}`;
    // Only the erased account's records: another user's stay undeletable.
    await expect(sql`delete from audit.audit_events where user_id = ${bystander}`).rejects.toThrow(/append-only/);
    await expect(sql`update audit.chain_heads set erased_at = null where user_id = ${userId}`).rejects.toThrow(
      /only moves forward/,
    );
    expect(await db.transaction((tx) => appendAuditEntry(tx, entry(userId, 9)))).toBeUndefined();
    const left = await db.select().from(auditEvents).where(eq(auditEvents.userId, userId));
    expect(left).toHaveLength(0);
    const [head] = await db.select().from(chainHeads).where(eq(chainHeads.userId, userId));
    expect(head).toMatchObject({ sequence: 3 });
    expect(head!.erasedAt).toBeInstanceOf(Date);
    expect(await verifyUserChain(db, bystander)).toMatchObject({ valid: true, checked: 3 });
  });
});

test("migration 0003 rebuilds the tree and the memberships from recorded events: the latest event decides", async () => {
  const id = () => crypto.randomUUID();
  const [olivia, sara, ali, root, sub] = [id(), id(), id(), id(), id()];
  let sequence = 0;
  const recorded = async (user: string, type: string, payload: unknown) => {
    sequence++;
    await sql`insert into audit.audit_events (id, user_id, sequence, event_id, event_type, topic, task_id, occurred_at,
        recorded_at, summary, payload_json, previous_hash, hash)
      values (gen_random_uuid(), ${user}, ${sequence}, gen_random_uuid()::text, ${`todo.events.v1.${type}`},
        'task-events', '', now(), now() + make_interval(secs => ${sequence}), '', ${JSON.stringify(payload)}, '', '')`;
  };
  await recorded(olivia, "ProjectCreated", { project: { id: root, name: "Quarterly" } });
  await recorded(olivia, "ProjectCreated", { project: { id: sub, parentId: root } });
  await recorded(olivia, "InvitationAccepted", { projectId: root, memberId: sara });
  await recorded(olivia, "InvitationAccepted", { projectId: root, memberId: ali });
  await recorded(olivia, "MemberRemoved", { projectId: root, memberId: ali });
  await recorded(olivia, "ProjectUpdated", { project: { id: root, name: "Q3" } });
  await recorded(olivia, "ProjectOwnershipTransferred", { projectId: root, fromUserId: olivia, toUserId: sara });
  const backfill = readFileSync(`${import.meta.dir}/migrations/0003_shared-projects.sql`, "utf8")
    .split("--> statement-breakpoint")
    .filter((statement) => statement.includes('FROM "audit"."audit_events"'));
  expect(backfill).toHaveLength(3);
  for (const statement of backfill) await sql.unsafe(statement);
  const projects = await sql`select project_id, parent_id, owner_id from audit.projects
    where project_id in (${root}, ${sub}) order by parent_id`;
  expect(projects.map((p) => [p.project_id, p.parent_id, p.owner_id])).toEqual([
    [root, "", sara],
    [sub, root, olivia],
  ]);
  // Sara became the owner (not a member), Olivia a member, Ali was removed.
  const members = await sql`select user_id from audit.project_members where project_id = ${root}`;
  expect(members.map((m) => m.user_id)).toEqual([olivia]);
});
