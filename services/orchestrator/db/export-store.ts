import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../platform/db/database";
import { visibleTo } from "./access";
import type { ProjectRow, SectionRow } from "./project-row";
import { projects, savedFilters, sections, taskColumns, taskComments, tasks, users } from "./schema";
import type { TaskRow } from "./task-row";

/** Rows per page: an export holds one page in memory at a time, however large the account. */
export const EXPORT_PAGE_ROWS = 200;

type Owned = typeof projects | typeof sections | typeof tasks;

/** ownLive: the user's own rows (visible to them and owned by them), not deleted. */
const ownLive = (table: Owned, userId: string) =>
  and(visibleTo(table, userId), eq(table.userId, userId), isNull(table.deletedAt));

/** ownLiveAfter: the user's own live rows after the page's last id. */
const ownLiveAfter = (table: Owned, userId: string, after: string) => and(ownLive(table, userId), gt(table.id, after));

/**
 * createExportStore reads everything a user owns, page by page in id order (keyset: each page starts after the
 * last id), so a 10,000-task account is read in 50 short queries and never held whole. Deleted rows (the trash) are
 * not exported. Rows are the user's own: visible to them (the one rule) and owned by them, since a project someone
 * shares with them belongs to its owner's export.
 */
export function createExportStore(db: Db) {
  async function* paged<T extends { id: string }>(page: (after: string) => Promise<T[]>): AsyncGenerator<T[]> {
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await page(after);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < EXPORT_PAGE_ROWS) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  return {
    projects: (userId: string): AsyncGenerator<ProjectRow[]> =>
      paged((after) =>
        db
          .select()
          .from(projects)
          .where(ownLiveAfter(projects, userId, after))
          .orderBy(asc(projects.id))
          .limit(EXPORT_PAGE_ROWS),
      ),
    sections: (userId: string): AsyncGenerator<SectionRow[]> =>
      paged((after) =>
        db
          .select()
          .from(sections)
          .where(ownLiveAfter(sections, userId, after))
          .orderBy(asc(sections.id))
          .limit(EXPORT_PAGE_ROWS),
      ),
    tasks: (userId: string): AsyncGenerator<TaskRow[]> =>
      paged((after) =>
        db
          .select(taskColumns)
          .from(tasks)
          .where(ownLiveAfter(tasks, userId, after))
          .orderBy(asc(tasks.id))
          .limit(EXPORT_PAGE_ROWS),
      ),
    savedFilters: (userId: string): AsyncGenerator<(typeof savedFilters.$inferSelect)[]> =>
      paged((after) =>
        db
          .select()
          .from(savedFilters)
          .where(and(eq(savedFilters.userId, userId), gt(savedFilters.id, after)))
          .orderBy(asc(savedFilters.id))
          .limit(EXPORT_PAGE_ROWS),
      ),
    /**
     * comments are the comments on the user's own live tasks — their own and those members of a shared project
     * wrote (the owner's data, as the tasks are), with each author's name and the task's project.
     */
    comments: (userId: string) =>
      paged((after) =>
        db
          .select({ comment: taskComments, projectId: tasks.projectId, authorName: users.displayName })
          .from(taskComments)
          .innerJoin(tasks, eq(tasks.id, taskComments.taskId))
          .leftJoin(users, eq(users.id, taskComments.authorId))
          .where(and(eq(taskComments.userId, userId), ownLive(tasks, userId), gt(taskComments.id, after)))
          .orderBy(asc(taskComments.id))
          .limit(EXPORT_PAGE_ROWS)
          .then((rows) => rows.map((r) => ({ id: r.comment.id, ...r }))),
      ),
    /** titlesOf gives the titles of some of the user's tasks by id (a CSV page's parents). */
    async titlesOf(userId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: tasks.id, title: tasks.title })
        .from(tasks)
        .where(and(visibleTo(tasks, userId), eq(tasks.userId, userId), inArray(tasks.id, ids)));
      return new Map(rows.map((r) => [r.id, r.title]));
    },
  };
}

export type ExportStore = ReturnType<typeof createExportStore>;
