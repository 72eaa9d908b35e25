import { isMessage } from "@bufbuild/protobuf";
import { and, eq, type SQL, sql } from "drizzle-orm";
import {
  InvitationAcceptedSchema,
  MemberRemovedSchema,
  ProjectOwnershipTransferredSchema,
} from "../../../gen/todo/events/v1/share_events_pb";
import { projectLifecycleEvents } from "../../../vocabulary/lifecycle-events";
import { PROJECT_DEPTH_MAX } from "../../../vocabulary/organise";
import type { DecodedEvent } from "../../platform/bus/event-codec";
import { type Executor, rowsOf } from "../../platform/db/database";
import { projectMembers, projects } from "./schema";

/** Every project lifecycle event carries the project after the change. */
const projectEvents = Object.values(projectLifecycleEvents);

/**
 * followProjectTree keeps the audit service's projection of project trees and memberships from an event it
 * records, in the same transaction: a project's parent and owner as its latest event says, a member added on
 * InvitationAccepted and removed on MemberRemoved (so a removed member's reads stop once it is consumed), owner
 * and membership swapped on ProjectOwnershipTransferred. Every write is an upsert or a delete of the state the
 * event names, so applying an event twice changes nothing. Project and share events are keyed by project id,
 * so a project's own events and its memberships arrive in order.
 */
export async function followProjectTree(tx: Executor, { event, meta }: DecodedEvent, now: Date): Promise<void> {
  const project = projectEvents.some((schema) => isMessage(event, schema))
    ? (event as { project?: { id: string; parentId: string } }).project
    : undefined;
  if (project?.id) {
    await upsertProject(tx, { projectId: project.id, parentId: project.parentId, ownerId: meta.userId }, now);
  } else if (isMessage(event, InvitationAcceptedSchema)) {
    if (event.projectId && event.memberId) await addMember(tx, event.projectId, event.memberId);
  } else if (isMessage(event, MemberRemovedSchema)) {
    await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, event.projectId), eq(projectMembers.userId, event.memberId)));
  } else if (isMessage(event, ProjectOwnershipTransferredSchema) && event.projectId && event.toUserId) {
    await tx
      .insert(projects)
      .values({ projectId: event.projectId, ownerId: event.toUserId, updatedAt: now })
      .onConflictDoUpdate({ target: projects.projectId, set: { ownerId: event.toUserId, updatedAt: now } });
    await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, event.projectId), eq(projectMembers.userId, event.toUserId)));
    if (event.fromUserId) await addMember(tx, event.projectId, event.fromUserId);
  }
}

const upsertProject = (tx: Executor, row: { projectId: string; parentId: string; ownerId: string }, now: Date) =>
  tx
    .insert(projects)
    .values({ ...row, updatedAt: now })
    .onConflictDoUpdate({
      target: projects.projectId,
      set: { parentId: row.parentId, ownerId: row.ownerId, updatedAt: now },
    });

const addMember = (tx: Executor, projectId: string, userId: string) =>
  tx.insert(projectMembers).values({ projectId, userId }).onConflictDoNothing();

/** subtreeOf is the ids of a set of projects and every sub-project under them, as a Postgres array (an InitPlan). */
const subtreeOf = (start: SQL) => sql`array(with recursive tree(id, n) as (
    ${start}
    union all
    select c.project_id, t.n + 1 from ${projects} c join tree t on c.parent_id = t.id where t.n < ${PROJECT_DEPTH_MAX}
  ) select id from tree)`;

/** sharedWith is every project shared with the caller: the trees of the top-level projects they are a member of. */
export const sharedWith = (callerId: string): SQL =>
  subtreeOf(sql`select m.project_id, 1 from ${projectMembers} m where m.user_id = ${callerId}`);

/** projectTree is one project and its sub-projects. */
export const projectTree = (projectId: string): SQL => subtreeOf(sql`select ${projectId}::text, 1`);

/** upwards walks up from each of `ids` (not empty) to its top-level project. */
const upwards = (ids: string[]) => sql`with recursive up(start, id, parent_id, n) as (
    select p.project_id, p.project_id, p.parent_id, 1 from ${projects} p
      where p.project_id in ${ids}
    union all
    select u.start, p.project_id, p.parent_id, u.n + 1 from ${projects} p join up u on p.project_id = u.parent_id
      where u.parent_id <> '' and u.n <= ${PROJECT_DEPTH_MAX}
  )`;

/** topLevelProjects maps project ids to their top-level project's; an id the tree does not know maps to itself. */
export async function topLevelProjects(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  const roots = new Map(unique.map((id) => [id, id]));
  if (unique.length === 0) return roots;
  const rows = rowsOf<{ start: string; id: string }>(
    await db.execute(sql`${upwards(unique)} select start, id from up where parent_id = ''`),
  );
  for (const row of rows) roots.set(row.start, row.id);
  return roots;
}

/**
 * mayReadProject says whether the caller may read a project's records: they own its top-level project or are a
 * member of it (any role: reading is what viewers may do). An unknown project may not be read.
 */
export async function mayReadProject(db: Executor, callerId: string, projectId: string): Promise<boolean> {
  const rows = rowsOf<{ allowed: boolean }>(
    await db.execute(sql`${upwards([projectId])}
      select r.owner_id = ${callerId}
          or exists (select 1 from ${projectMembers} m where m.project_id = r.project_id and m.user_id = ${callerId})
        as allowed
      from up join ${projects} r on r.project_id = up.id
      where up.parent_id = ''`),
  );
  return rows.some((row) => row.allowed);
}
