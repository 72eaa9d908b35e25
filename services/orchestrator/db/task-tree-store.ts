import { randomUUIDv7 } from "bun";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { OutboxRelay } from "../../platform/bus/outbox";
import type { Db, Tx } from "../../platform/db/database";
import { InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { checkTaskParent, subtreeHeight } from "../domain/organise-rules";
import { appendRank } from "../domain/rank";
import { remindersOf, storeReminders } from "../domain/reminders";
import { planStatusChange, type StatusChange } from "../domain/status-change";
import { checkVersion, TaskStatusValue } from "../domain/task-rules";
import { taskMovedEvents } from "../events/project-events";
import { taskChangeEvents } from "../events/task-events";
import { ownedBy } from "./access";
import {
  correlationId,
  liveProject,
  liveSection,
  liveTask,
  organiseWriter,
  rankAmong,
  taskAncestry,
  taskDescendants,
} from "./organise-writes";
import { tasks } from "./schema";
import type { TaskRow } from "./task-row";

/** TaskPlacement is where a task is: project, section, parent and rank among its siblings. */
export interface TaskPlacement {
  projectId: string;
  sectionId: string | null;
  parentId: string | null;
  rank: string;
}

/** PlaceRequest names a destination; empty ids are "not given". */
export interface PlaceRequest {
  projectId?: string;
  sectionId?: string;
  parentId?: string;
}

/** MoveRequest is a validated MoveTask. */
export interface MoveRequest extends PlaceRequest {
  beforeId?: string;
  afterId?: string;
  expectedVersion: bigint;
}

const notFoundAs = (field: string, what: string) => (error: unknown) => {
  if (error instanceof NotFoundError) throw new InvalidArgumentError([{ field, description: `no such ${what}` }]);
  throw error;
};

/**
 * destination resolves where a task goes. A subtask lives in its parent's project and section: naming another is
 * an InvalidArgument. Without a parent, the project is the one named, else `currentProject` (a move keeps the
 * project), else the Inbox; a section must belong to that project.
 */
async function destination(
  tx: Tx,
  userId: string,
  request: PlaceRequest,
  fallbackProject: () => Promise<string>,
): Promise<Omit<TaskPlacement, "rank"> & { parent: TaskRow | null }> {
  if (request.parentId) {
    const parent = await liveTask(tx, userId, request.parentId).catch(notFoundAs("parent_id", "task"));
    if (request.projectId && request.projectId !== parent.projectId) {
      throw new InvalidArgumentError([{ field: "project_id", description: "a subtask is in its parent's project" }]);
    }
    if (request.sectionId && request.sectionId !== parent.sectionId) {
      throw new InvalidArgumentError([{ field: "section_id", description: "a subtask is in its parent's section" }]);
    }
    return { projectId: parent.projectId, sectionId: parent.sectionId, parentId: parent.id, parent };
  }
  if (request.sectionId) {
    const section = await liveSection(tx, userId, request.sectionId).catch(notFoundAs("section_id", "section"));
    if (request.projectId && request.projectId !== section.projectId) {
      throw new InvalidArgumentError([{ field: "section_id", description: "the section is in another project" }]);
    }
    return { projectId: section.projectId, sectionId: section.id, parentId: null, parent: null };
  }
  const projectId = request.projectId ?? (await fallbackProject());
  await liveProject(tx, userId, projectId).catch(notFoundAs("project_id", "project"));
  return { projectId, sectionId: null, parentId: null, parent: null };
}

/** siblingsOf is the list condition of a destination: same project, section and parent. */
const siblingsOf = (userId: string, to: Omit<TaskPlacement, "rank">) =>
  and(
    ownedBy(tasks, userId),
    eq(tasks.projectId, to.projectId),
    to.sectionId ? eq(tasks.sectionId, to.sectionId) : isNull(tasks.sectionId),
    to.parentId ? eq(tasks.parentId, to.parentId) : isNull(tasks.parentId),
  );

/** TaskTreeStore holds the writes that touch a task's place or its subtasks. */
export interface TaskTreeStore {
  place(userId: string, request: PlaceRequest, inbox: () => Promise<string>): Promise<TaskPlacement>;
  move(userId: string, id: string, request: MoveRequest): Promise<TaskRow>;
  changeStatusWithSubtasks(userId: string, id: string, change: StatusChange, expectedVersion: bigint): Promise<TaskRow>;
  copySubtasks(userId: string, fromId: string, toId: string): Promise<number>;
}

export function createTaskTreeStore(db: Db, relay: Pick<OutboxRelay, "wake">): TaskTreeStore {
  const write = organiseWriter(db, relay);

  return {
    place: (userId, request, inbox) =>
      db.transaction(async (tx) => {
        const to = await destination(tx, userId, request, inbox);
        if (to.parent) checkTaskParent("", await taskAncestry(tx, userId, to.parent.id), 1);
        return {
          projectId: to.projectId,
          sectionId: to.sectionId,
          parentId: to.parentId,
          rank: appendRank(new Date()),
        };
      }),

    move: (userId, id, request) =>
      write(async (tx, events, now) => {
        const before = await liveTask(tx, userId, id, true);
        checkVersion(before, request.expectedVersion);
        const to = await destination(tx, userId, request, async () => before.projectId);
        const subtasks = (await taskDescendants(tx, userId, id)).filter((t) => t.deletedAt === null);
        if (to.parent) checkTaskParent(id, await taskAncestry(tx, userId, to.parent.id), subtreeHeight(id, subtasks));
        const rank = await rankAmong(tx, tasks, siblingsOf(userId, to), id, {
          beforeId: request.beforeId,
          afterId: request.afterId,
        });
        const moved =
          to.projectId !== before.projectId || to.sectionId !== before.sectionId || to.parentId !== before.parentId;
        if (!moved && rank === before.rank) return before;
        const after: TaskRow = {
          ...before,
          projectId: to.projectId,
          sectionId: to.sectionId,
          parentId: to.parentId,
          rank,
          updatedAt: now,
          version: before.version + 1,
        };
        // One row: the task's place. Its subtasks follow only when the project or section changes.
        await tx
          .update(tasks)
          .set({
            projectId: after.projectId,
            sectionId: after.sectionId,
            parentId: after.parentId,
            rank,
            updatedAt: now,
            version: after.version,
          })
          .where(and(eq(tasks.id, id), ownedBy(tasks, userId)));
        const context = { correlationId: correlationId() };
        events.push(...taskMovedEvents(after, before, context));
        if (to.projectId !== before.projectId || to.sectionId !== before.sectionId) {
          for (const sub of subtasks) {
            const subAfter = {
              ...sub,
              projectId: to.projectId,
              sectionId: to.sectionId,
              updatedAt: now,
              version: sub.version + 1,
            };
            events.push(...taskMovedEvents(subAfter, sub, context));
          }
          if (subtasks.length > 0) {
            await tx
              .update(tasks)
              .set({
                projectId: to.projectId,
                sectionId: to.sectionId,
                updatedAt: now,
                version: sql`${tasks.version} + 1`,
              })
              .where(
                and(
                  ownedBy(tasks, userId),
                  inArray(
                    tasks.id,
                    subtasks.map((t) => t.id),
                  ),
                ),
              );
          }
        }
        return after;
      }),

    changeStatusWithSubtasks: (userId, id, change, expectedVersion) =>
      write(async (tx, events, now) => {
        const [before] = await tx
          .select()
          .from(tasks)
          .where(and(eq(tasks.id, id), ownedBy(tasks, userId)))
          .for("update");
        if (!before) throw new NotFoundError(`task ${id} not found`);
        const { search: _search, ...row } = before;
        const set = planStatusChange(id, row, change, expectedVersion, now);
        if (!set) return row;
        const after: TaskRow = { ...row, ...set, updatedAt: now, version: row.version + 1 };
        await tx
          .update(tasks)
          .set({ ...set, updatedAt: now, version: after.version })
          .where(eq(tasks.id, id));
        const context = { correlationId: correlationId() };
        events.push(...taskChangeEvents(change, after, row, context));
        // Completing or deleting takes the open (or live) subtasks along; reopening or restoring brings back only
        // those the parent's completion or deletion took, recognised by the same instant.
        const took = (sub: TaskRow): boolean => {
          switch (change) {
            case "completed":
              return sub.deletedAt === null && sub.status === TaskStatusValue.open;
            case "reopened":
              return (
                sub.deletedAt === null &&
                sub.status === TaskStatusValue.completed &&
                sub.completedAt?.getTime() === row.completedAt?.getTime()
              );
            case "deleted":
              return sub.deletedAt === null;
            case "restored":
              return sub.deletedAt !== null && sub.deletedAt.getTime() === row.deletedAt?.getTime();
          }
        };
        const affected = (await taskDescendants(tx, userId, id)).filter(took);
        if (affected.length === 0) return after;
        const subSet = set;
        await tx
          .update(tasks)
          .set({ ...subSet, updatedAt: now, version: sql`${tasks.version} + 1` })
          .where(
            and(
              ownedBy(tasks, userId),
              inArray(
                tasks.id,
                affected.map((t) => t.id),
              ),
            ),
          );
        for (const sub of affected) {
          events.push(
            ...taskChangeEvents(change, { ...sub, ...subSet, updatedAt: now, version: sub.version + 1 }, sub, context),
          );
        }
        return after;
      }),

    copySubtasks: (userId, fromId, toId) =>
      write(async (tx, events, now) => {
        const target = await liveTask(tx, userId, toId, true);
        await tx
          .select({ id: tasks.id })
          .from(tasks)
          .where(and(eq(tasks.id, fromId), ownedBy(tasks, userId)))
          .then(([row]) => {
            if (!row) throw new InvalidArgumentError([{ field: "subtasks_from_id", description: "no such task" }]);
          });
        // A retry finds the copy already made: copying is idempotent.
        const [existing] = await tx
          .select({ id: tasks.id })
          .from(tasks)
          .where(and(eq(tasks.parentId, toId), ownedBy(tasks, userId)))
          .limit(1);
        if (existing) return 0;
        const source = (await taskDescendants(tx, userId, fromId)).filter((t) => t.deletedAt === null);
        const newIds = new Map<string, string>([[fromId, toId]]);
        for (const sub of source) newIds.set(sub.id, randomUUIDv7());
        const copies: TaskRow[] = source.map((sub) => ({
          ...sub,
          id: newIds.get(sub.id)!,
          parentId: sub.parentId ? (newIds.get(sub.parentId) ?? toId) : toId,
          projectId: target.projectId,
          sectionId: target.sectionId,
          status: TaskStatusValue.open,
          completedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
          requestId: null,
          // An absolute reminder belongs to the old instance; reminders relative to the due date are kept.
          ...storeReminders(remindersOf(sub).filter((spec) => "beforeSeconds" in spec)),
          // A copied recurring subtask starts a series of its own.
          seriesId: sub.rrule ? newIds.get(sub.id)! : null,
          occurrence: sub.rrule ? 1 : null,
        }));
        if (copies.length === 0) return 0;
        await tx.insert(tasks).values(copies);
        const context = { correlationId: correlationId() };
        for (const copy of copies) events.push(...taskChangeEvents("created", copy, undefined, context));
        return copies.length;
      }),
  };
}
