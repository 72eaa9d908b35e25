// Needs real Postgres (npm run infra:up): the projection of project trees and memberships (project-tree.ts) and
// migration 0003's backfill of it from the history already recorded.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createAudit } from "../audit";

let stack: TestStack;
let sql: postgres.Sql;

beforeAll(async () => {
  stack = await startTestStack([createAudit], { kafka: false });
  sql = postgres(stack.databaseUrl, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await stack?.stop();
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
