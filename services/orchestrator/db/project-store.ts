import { randomUUIDv7 } from "bun";
import { and, count, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import { PROJECTS_PER_USER_MAX } from "../../../vocabulary/organise";
import type { OutboxRelay } from "../../platform/bus/outbox";
import type { Db, Tx } from "../../platform/db/database";
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { checkExpectedVersion, checkProjectParent, orderTree, subtreeHeight } from "../domain/organise-rules";
import { appendRank } from "../domain/rank";
import { idFromRequest } from "../domain/request-id";
import { type ProjectChange, projectChangeEvents } from "../events/project-events";
import { taskChangeEvents } from "../events/task-events";
import { type Acting, actingOn, admit, ownedBy, type ProjectRoleName, roleColumn, visibleTo } from "./access";
import { inboxFinder } from "./inbox";
import {
  bumped,
  correlationId,
  liveProject,
  organiseWriter,
  projectAncestry,
  projectDescendants,
  raced,
  rankAmong,
} from "./organise-writes";
import type { ProjectRow } from "./project-row";
import { projects, sections, taskColumns, tasks } from "./schema";
import type { TaskRow } from "./task-row";

/** ProjectEdit is a validated UpdateProject: the mask's paths and their values. */
export interface ProjectEdit {
  paths: Set<"name" | "colour" | "parent_id" | "position" | "archived">;
  name: string;
  colour: string;
  parentId: string | null;
  beforeId?: string;
  afterId?: string;
  archived: boolean;
}

/** ProjectStore writes projects with their outbox events (and what a delete or restore takes), each change in one transaction. */
export interface ProjectStore {
  inboxOf(userId: string): Promise<string>;
  create(
    userId: string,
    input: { name: string; colour: string; parentId: string | null; afterId?: string; requestId?: string },
  ): Promise<ProjectRow>;
  /** get reads a project as its owner, or as a caller whose role the same statement checks (db/access.ts Acting). */
  get(acting: Acting, id: string): Promise<RoledProject>;
  /** list reads the projects the caller may see, each with their role on it (read in the same statement). */
  list(userId: string, options: { includeArchived: boolean; includeDeleted: boolean }): Promise<RoledProject[]>;
  update(userId: string, id: string, expectedVersion: bigint, edit: ProjectEdit): Promise<ProjectRow>;
  delete(userId: string, id: string, expectedVersion: bigint): Promise<{ project: ProjectRow; taskCount: number }>;
  restore(userId: string, id: string): Promise<{ project: ProjectRow; taskCount: number }>;
}

/** RoledProject is a project as a caller sees it: the row and their role on it (db/access.ts, the one rule). */
type RoledProject = ProjectRow & { role: ProjectRoleName };

const inboxRefusal = (field: string, what: string) =>
  new InvalidArgumentError([{ field, description: `the Inbox cannot be ${what}` }]);

export function createProjectStore(db: Db, relay: Pick<OutboxRelay, "wake">): ProjectStore {
  const inboxOf = inboxFinder(db);

  const write = organiseWriter(db, relay);

  const saveProject = async (tx: Tx, before: ProjectRow, after: ProjectRow) => {
    const { id: _id, userId: _user, createdAt: _created, isInbox: _inbox, ...set } = after;
    await tx
      .update(projects)
      .set(set)
      .where(and(eq(projects.id, before.id), ownedBy(projects, before.userId)));
  };

  /** checkParent: the new parent is a live project of the caller, not the Inbox, and the depth and cycle rules hold. */
  const checkParent = async (tx: Tx, userId: string, projectId: string | null, parentId: string) => {
    const parent = await liveProject(tx, userId, parentId).catch(() => {
      throw new InvalidArgumentError([{ field: "parent_id", description: "no such project" }]);
    });
    if (parent.isInbox)
      throw new InvalidArgumentError([{ field: "parent_id", description: "nothing nests under the Inbox" }]);
    const ancestry = await projectAncestry(tx, userId, parentId);
    const height = projectId
      ? subtreeHeight(
          projectId,
          (await projectDescendants(tx, userId, projectId)).filter((p) => p.deletedAt === null),
        )
      : 1;
    checkProjectParent(projectId ?? "", ancestry, height);
  };

  const siblings = (userId: string, parentId: string | null) =>
    and(ownedBy(projects, userId), parentId ? eq(projects.parentId, parentId) : isNull(projects.parentId));

  return {
    inboxOf,

    create: (userId, input) =>
      write(async (tx, events, now) => {
        const id = input.requestId ? idFromRequest("project", userId, input.requestId) : randomUUIDv7();
        // A repeated request_id answers the project the first call made, and publishes nothing.
        const [earlier] = input.requestId
          ? await tx
              .select()
              .from(projects)
              .where(and(eq(projects.id, id), ownedBy(projects, userId)))
          : [];
        if (earlier) return earlier;
        await inboxOf(userId);
        const [total] = await tx
          .select({ n: count() })
          .from(projects)
          .where(and(ownedBy(projects, userId), isNull(projects.deletedAt)));
        if ((total?.n ?? 0) >= PROJECTS_PER_USER_MAX) {
          throw new FailedPreconditionError(`at most ${PROJECTS_PER_USER_MAX} projects per user`);
        }
        if (input.parentId) await checkParent(tx, userId, null, input.parentId);
        const rank = input.afterId
          ? await rankAmong(tx, projects, siblings(userId, input.parentId), null, { afterId: input.afterId })
          : appendRank(now);
        const row: ProjectRow = {
          id,
          userId,
          name: input.name,
          colour: input.colour,
          parentId: input.parentId,
          rank,
          isInbox: false,
          archivedAt: null,
          deletedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        const inserted = await tx.insert(projects).values(row).onConflictDoNothing().returning({ id: projects.id });
        // A concurrent call with the same request_id made it first: answer with that one.
        if (inserted.length === 0)
          return await raced(
            tx
              .select()
              .from(projects)
              .where(and(eq(projects.id, id), ownedBy(projects, userId))),
          );
        events.push(...projectChangeEvents("created", row, { correlationId: correlationId() }));
        return row;
      }),

    async get(acting, id) {
      const { where, role } = actingOn(acting, projects, id);
      const [row] = await db
        .select({ ...getTableColumns(projects), role })
        .from(projects)
        .where(where);
      admit(acting, { project: id }, row);
      return row as RoledProject;
    },

    async list(userId, options) {
      await inboxOf(userId);
      const rows = await db
        .select({ ...getTableColumns(projects), role: roleColumn(userId) })
        .from(projects)
        .where(
          and(
            visibleTo(projects, userId),
            options.includeDeleted ? undefined : isNull(projects.deletedAt),
            options.includeArchived ? undefined : isNull(projects.archivedAt),
          ),
        );
      // The Inbox first, then the tree. Every visible row has a role (visibleTo and roleOn are the same rule).
      return orderTree(rows as RoledProject[]).sort((a, b) => Number(b.isInbox) - Number(a.isInbox));
    },

    update: (userId, id, expectedVersion, edit) =>
      write(async (tx, events, now) => {
        const before = await liveProject(tx, userId, id, true);
        checkExpectedVersion("project", before, expectedVersion);
        if (before.isInbox) {
          for (const path of ["name", "parent_id", "position", "archived"] as const) {
            if (edit.paths.has(path))
              throw inboxRefusal(path === "position" ? "update_mask" : path, "renamed, moved or archived");
          }
        }
        const set: Partial<ProjectRow> = {};
        const changed: string[] = [];
        if (edit.paths.has("name") && edit.name !== before.name) {
          set.name = edit.name;
          changed.push("name");
        }
        if (edit.paths.has("colour") && edit.colour !== before.colour) {
          set.colour = edit.colour;
          changed.push("colour");
        }
        const parentId = edit.paths.has("parent_id") ? edit.parentId : before.parentId;
        if (parentId !== before.parentId) {
          if (parentId) await checkParent(tx, userId, id, parentId);
          set.parentId = parentId;
          changed.push("parent_id");
        }
        if (edit.paths.has("position") || parentId !== before.parentId) {
          set.rank = await rankAmong(tx, projects, siblings(userId, parentId), id, {
            beforeId: edit.beforeId,
            afterId: edit.afterId,
          });
          if (set.rank !== before.rank) changed.push("position");
        }
        const archive = edit.paths.has("archived") && edit.archived !== (before.archivedAt !== null);
        if (changed.length === 0 && !archive) return before;
        if (archive) set.archivedAt = edit.archived ? now : null;
        const after = bumped(before, set, now);
        await saveProject(tx, before, after);
        if (changed.length > 0) {
          events.push(
            ...projectChangeEvents("updated", after, { correlationId: correlationId(), changedFields: changed }),
          );
        }
        if (archive) {
          const change: ProjectChange = edit.archived ? "archived" : "unarchived";
          events.push(...projectChangeEvents(change, after, { correlationId: correlationId() }));
          // Sub-projects go with it; unarchiving brings back those its archiving took (same instant).
          for (const sub of await projectDescendants(tx, userId, id)) {
            if (sub.deletedAt) continue;
            const took = edit.archived
              ? sub.archivedAt === null
              : sub.archivedAt?.getTime() === before.archivedAt?.getTime();
            if (!took) continue;
            const subAfter = bumped(sub, { archivedAt: edit.archived ? now : null }, now);
            await saveProject(tx, sub, subAfter);
            events.push(...projectChangeEvents(change, subAfter, { correlationId: correlationId() }));
          }
        }
        return after;
      }),

    delete: (userId, id, expectedVersion) =>
      write(async (tx, events, now) => {
        const before = await liveProject(tx, userId, id, true);
        checkExpectedVersion("project", before, expectedVersion);
        if (before.isInbox) throw inboxRefusal("id", "deleted");
        const family = [before, ...(await projectDescendants(tx, userId, id)).filter((p) => p.deletedAt === null)];
        const ids = family.map((p) => p.id);
        const taken = await tx
          .select(taskColumns)
          .from(tasks)
          .where(and(ownedBy(tasks, userId), inArray(tasks.projectId, ids), isNull(tasks.deletedAt)))
          .for("update");
        const context = { correlationId: correlationId() };
        if (taken.length > 0) {
          await tx
            .update(tasks)
            .set({ deletedAt: now, updatedAt: now, version: sql`${tasks.version} + 1` })
            .where(and(ownedBy(tasks, userId), inArray(tasks.projectId, ids), isNull(tasks.deletedAt)));
          for (const task of taken) {
            events.push(...taskChangeEvents("deleted", bumped(task, { deletedAt: now }, now), task, context));
          }
        }
        await tx
          .update(sections)
          .set({ deletedAt: now, updatedAt: now, version: sql`${sections.version} + 1` })
          .where(and(ownedBy(sections, userId), inArray(sections.projectId, ids), isNull(sections.deletedAt)));
        let root = before;
        for (const project of family) {
          const after = bumped(project, { deletedAt: now }, now);
          await saveProject(tx, project, after);
          const count = project.id === id ? taken.length : taken.filter((t) => t.projectId === project.id).length;
          events.push(...projectChangeEvents("deleted", after, { ...context, taskCount: count }));
          if (project.id === id) root = after;
        }
        return { project: root, taskCount: taken.length };
      }),

    restore: (userId, id) =>
      write(async (tx, events, now) => {
        const [before] = await tx
          .select()
          .from(projects)
          .where(and(eq(projects.id, id), ownedBy(projects, userId)))
          .for("update");
        if (!before?.deletedAt) throw new NotFoundError(`project ${id} not found`);
        if (before.parentId) {
          const [parent] = await tx
            .select()
            .from(projects)
            .where(and(eq(projects.id, before.parentId), ownedBy(projects, userId)));
          if (parent?.deletedAt) throw new FailedPreconditionError("restore the parent project first");
        }
        const stamp = before.deletedAt.getTime();
        // Only what this deletion took (the same instant) comes back; things deleted before stay deleted.
        const family = [
          before,
          ...(await projectDescendants(tx, userId, id)).filter((p) => p.deletedAt?.getTime() === stamp),
        ];
        const ids = family.map((p) => p.id);
        const stampSql = before.deletedAt;
        const back: TaskRow[] = await tx
          .select(taskColumns)
          .from(tasks)
          .where(and(ownedBy(tasks, userId), inArray(tasks.projectId, ids), eq(tasks.deletedAt, stampSql)))
          .for("update");
        const context = { correlationId: correlationId() };
        if (back.length > 0) {
          await tx
            .update(tasks)
            .set({ deletedAt: null, updatedAt: now, version: sql`${tasks.version} + 1` })
            .where(and(ownedBy(tasks, userId), inArray(tasks.projectId, ids), eq(tasks.deletedAt, stampSql)));
          for (const task of back) {
            events.push(...taskChangeEvents("restored", bumped(task, { deletedAt: null }, now), task, context));
          }
        }
        await tx
          .update(sections)
          .set({ deletedAt: null, updatedAt: now, version: sql`${sections.version} + 1` })
          .where(and(ownedBy(sections, userId), inArray(sections.projectId, ids), eq(sections.deletedAt, stampSql)));
        let root = before;
        for (const project of family) {
          const after = bumped(project, { deletedAt: null }, now);
          await saveProject(tx, project, after);
          const n = back.filter((t) => t.projectId === project.id).length;
          events.push(
            ...projectChangeEvents("restored", after, { ...context, taskCount: project.id === id ? back.length : n }),
          );
          if (project.id === id) root = after;
        }
        return { project: root, taskCount: back.length };
      }),
  };
}
