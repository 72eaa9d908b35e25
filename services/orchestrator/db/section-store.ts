import { randomUUIDv7 } from "bun";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { SECTIONS_PER_PROJECT_MAX } from "../../../vocabulary/organise";
import type { OutboxRelay } from "../../platform/bus/outbox";
import type { Db } from "../../platform/db/database";
import { FailedPreconditionError, NotFoundError } from "../../platform/errors";
import { checkExpectedVersion } from "../domain/organise-rules";
import { appendRank } from "../domain/rank";
import { idFromRequest } from "../domain/request-id";
import { sectionChangeEvents, taskMovedEvents } from "../events/project-events";
import { taskChangeEvents } from "../events/task-events";
import { ownedBy } from "./access";
import { bumped, correlationId, liveProject, liveSection, organiseWriter, raced, rankAmong } from "./organise-writes";
import type { SectionRow } from "./project-row";
import { projects, sections, taskColumns, tasks } from "./schema";
import type { TaskRow } from "./task-row";

/** SectionEdit is a validated UpdateSection. */
export interface SectionEdit {
  paths: Set<"name" | "position">;
  name: string;
  beforeId?: string;
  afterId?: string;
}

/** SectionStore writes a project's sections with their outbox events, each change in one transaction. */
export interface SectionStore {
  create(
    userId: string,
    input: { projectId: string; name: string; afterId?: string; requestId?: string },
  ): Promise<SectionRow>;
  update(userId: string, id: string, expectedVersion: bigint, edit: SectionEdit): Promise<SectionRow>;
  delete(
    userId: string,
    id: string,
    expectedVersion: bigint,
    tasksGo: "project" | "deleted",
  ): Promise<{ section: SectionRow; moved: number; deleted: number }>;
  list(userId: string, projectId: string): Promise<SectionRow[]>;
}

export function createSectionStore(db: Db, relay: Pick<OutboxRelay, "wake">): SectionStore {
  const write = organiseWriter(db, relay);
  return {
    create: (userId, { projectId, name, afterId, requestId }) =>
      write(async (tx, events, now) => {
        const id = requestId ? idFromRequest("section", userId, requestId) : randomUUIDv7();
        const [earlier] = requestId
          ? await tx
              .select()
              .from(sections)
              .where(and(eq(sections.id, id), ownedBy(sections, userId)))
          : [];
        if (earlier) return earlier;
        const project = await liveProject(tx, userId, projectId, true);
        const [total] = await tx
          .select({ n: count() })
          .from(sections)
          .where(and(eq(sections.projectId, project.id), isNull(sections.deletedAt)));
        if ((total?.n ?? 0) >= SECTIONS_PER_PROJECT_MAX) {
          throw new FailedPreconditionError(`at most ${SECTIONS_PER_PROJECT_MAX} sections per project`);
        }
        const rank = afterId
          ? await rankAmong(tx, sections, and(ownedBy(sections, userId), eq(sections.projectId, projectId)), null, {
              afterId,
            })
          : appendRank(now);
        const row: SectionRow = {
          id,
          userId,
          projectId,
          name,
          rank,
          deletedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        const inserted = await tx.insert(sections).values(row).onConflictDoNothing().returning({ id: sections.id });
        if (inserted.length === 0)
          return await raced(
            tx
              .select()
              .from(sections)
              .where(and(eq(sections.id, id), ownedBy(sections, userId))),
          );
        events.push(...sectionChangeEvents("created", row, { correlationId: correlationId() }));
        return row;
      }),

    update: (userId, id, expectedVersion, edit) =>
      write(async (tx, events, now) => {
        const before = await liveSection(tx, userId, id, true);
        checkExpectedVersion("section", before, expectedVersion);
        const set: Partial<SectionRow> = {};
        const changed: string[] = [];
        if (edit.paths.has("name") && edit.name !== before.name) {
          set.name = edit.name;
          changed.push("name");
        }
        if (edit.paths.has("position")) {
          const inProject = and(ownedBy(sections, userId), eq(sections.projectId, before.projectId));
          set.rank = await rankAmong(tx, sections, inProject, id, { beforeId: edit.beforeId, afterId: edit.afterId });
          if (set.rank !== before.rank) changed.push("position");
        }
        if (changed.length === 0) return before;
        const after = bumped(before, set, now);
        await tx
          .update(sections)
          .set({ name: after.name, rank: after.rank, updatedAt: now, version: after.version })
          .where(and(eq(sections.id, id), ownedBy(sections, userId)));
        events.push(
          ...sectionChangeEvents("updated", after, { correlationId: correlationId(), changedFields: changed }),
        );
        return after;
      }),

    delete: (userId, id, expectedVersion, tasksGo) =>
      write(async (tx, events, now) => {
        const before = await liveSection(tx, userId, id, true);
        checkExpectedVersion("section", before, expectedVersion);
        const inSection = await tx
          .select(taskColumns)
          .from(tasks)
          .where(and(ownedBy(tasks, userId), eq(tasks.sectionId, id), isNull(tasks.deletedAt)))
          .orderBy(tasks.rank, tasks.id)
          .for("update");
        const context = { correlationId: correlationId() };
        let moved = 0;
        let deleted = 0;
        if (tasksGo === "deleted") {
          for (const task of inSection) {
            const after = bumped(task, { deletedAt: now }, now);
            events.push(...taskChangeEvents("deleted", after, task, context));
          }
          await tx
            .update(tasks)
            .set({ deletedAt: now, updatedAt: now, version: sql`${tasks.version} + 1` })
            .where(and(ownedBy(tasks, userId), eq(tasks.sectionId, id), isNull(tasks.deletedAt)));
          deleted = inSection.length;
        } else {
          // The section's top-level tasks join the end of the project's list in their order; subtasks keep
          // their ranks among their siblings (their parent moves with them).
          for (const task of inSection) {
            const set: Partial<TaskRow> = { sectionId: null };
            if (!task.parentId) {
              set.rank = await rankAmong(
                tx,
                tasks,
                and(
                  ownedBy(tasks, userId),
                  eq(tasks.projectId, before.projectId),
                  isNull(tasks.sectionId),
                  isNull(tasks.parentId),
                ),
                task.id,
                {},
              );
            }
            const after = bumped(task, set, now);
            await tx
              .update(tasks)
              .set({ sectionId: null, rank: after.rank, updatedAt: now, version: after.version })
              .where(and(eq(tasks.id, task.id), ownedBy(tasks, userId)));
            events.push(...taskMovedEvents(after, task, context));
          }
          moved = inSection.length;
        }
        const after = bumped(before, { deletedAt: now }, now);
        await tx
          .update(sections)
          .set({ deletedAt: now, updatedAt: now, version: after.version })
          .where(and(eq(sections.id, id), ownedBy(sections, userId)));
        events.push(
          ...sectionChangeEvents("deleted", after, {
            ...context,
            tasksDeleted: tasksGo === "deleted",
            taskCount: inSection.length,
          }),
        );
        return { section: after, moved, deleted };
      }),

    async list(userId, projectId) {
      const [project] = await db
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.id, projectId), ownedBy(projects, userId), isNull(projects.deletedAt)));
      if (!project) throw new NotFoundError(`project ${projectId} not found`);
      return db
        .select()
        .from(sections)
        .where(and(eq(sections.projectId, projectId), ownedBy(sections, userId), isNull(sections.deletedAt)))
        .orderBy(sections.rank, sections.id);
    },
  };
}
