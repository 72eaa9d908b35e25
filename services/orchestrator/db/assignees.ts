import { and, eq, inArray, sql } from "drizzle-orm";
import type { OutgoingEvent } from "../../platform/bus/outbox";
import { type Db, rowsOf, type Tx } from "../../platform/db/database";
import { InvalidArgumentError } from "../../platform/errors";
import { currentScope } from "../../platform/request-context";
import { taskChangeEvents } from "../events/task-events";
import { projectMembers, projects, taskColumns, tasks } from "./schema";

/*
 * Assignees (issue 15). A task may be assigned to its owner or to a member (any role) of its top-level project;
 * a task of an unshared project (the Inbox included) only to its owner. Who may assign is who may write the task
 * (owner and editors; a viewer's UpdateTask is PermissionDenied before this is asked).
 */

/**
 * checkAssignee refuses, as InvalidArgument on assignee_id, an assignee who may not hold a task of `projectId`
 * (a project of `ownerId`): anyone but the owner and the members of its top-level project.
 */
export async function checkAssignee(
  db: Db | Tx,
  ownerId: string,
  projectId: string | null,
  assigneeId: string | null,
): Promise<void> {
  if (assigneeId === null) return;
  if (!(await mayHold(db, ownerId, projectId, assigneeId))) {
    throw new InvalidArgumentError([
      { field: "assignee_id", description: "can be assigned only to the project's owner or one of its members" },
    ]);
  }
}

/** mayHold says whether a user may be assigned a task of `projectId` (null: the Inbox), a project of `ownerId`. */
export async function mayHold(
  db: Db | Tx,
  ownerId: string,
  projectId: string | null,
  userId: string,
): Promise<boolean> {
  if (userId === ownerId) return true;
  if (projectId === null) return false;
  const [row] = rowsOf<{ member: boolean }>(
    await db.execute(sql`with recursive up(id, parent_id, n) as (
        select id, parent_id, 0 from ${projects} where id = ${projectId}
        union all
        select p.id, p.parent_id, up.n + 1 from ${projects} p join up on p.id = up.parent_id where up.n < 16
      ) select exists (
        select 1 from ${projectMembers} m join up on m.project_id = up.id
        where up.parent_id is null and m.user_id = ${userId}
      ) as member`),
  );
  return row?.member === true;
}

/**
 * unassignFrom unassigns a member who lost access (removed or left) from every task of the project tree, in the
 * caller's transaction, and adds each task's TaskUpdated (changed_fields assignee_id), snapshot and TaskAssigned
 * (previous_assignee_id the member, no actor: the system did it) to `events`. Answers how many it unassigned.
 */
export async function unassignFrom(
  tx: Tx,
  treeIds: readonly string[],
  memberId: string,
  events: OutgoingEvent[],
): Promise<number> {
  if (treeIds.length === 0) return 0;
  const now = new Date();
  const after = await tx
    .update(tasks)
    .set({ assigneeId: null, updatedAt: now, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.assigneeId, memberId), inArray(tasks.projectId, [...treeIds])))
    .returning(taskColumns);
  const correlationId = currentScope()?.correlationId ?? crypto.randomUUID();
  for (const row of after) {
    const before = { ...row, assigneeId: memberId, version: row.version - 1 };
    events.push(
      ...taskChangeEvents("updated", row, before, { correlationId, changedFields: ["assignee_id"], actorId: "" }),
    );
  }
  return after.length;
}
