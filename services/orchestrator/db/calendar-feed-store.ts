import { randomUUIDv7 } from "bun";
import { and, asc, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database";
import { NotFoundError } from "../../platform/errors";
import { ownedBy, visibleTo } from "./access";
import { calendarFeeds, projects, tasks, users } from "./schema";

/** Bounds of one feed document, named once (docs/calendar-feed.md). */
export const feedLimits = {
  /** At most this many tasks in one document: open ones first (soonest due first), then recently completed. */
  maxTasks: 5000,
  /** Completed tasks stay in the feed this many days after completion. */
  completedDays: 30,
} as const;

/** FeedRow is one of a user's feeds: its id (the secret derives from it), scope and age. */
export interface FeedRow {
  id: string;
  userId: string;
  projectId: string | null;
  createdAt: Date;
}

const OPEN = 1;
const scopeOf = (projectId: string | null) =>
  projectId === null ? isNull(calendarFeeds.projectId) : eq(calendarFeeds.projectId, projectId);

/**
 * createCalendarFeedStore keeps the feed rows and reads a feed's tasks. Every owner-side query is scoped by
 * visibleTo; a fetch by secret finds at most one row, of a live account (and of a live project, for a project feed).
 */
export function createCalendarFeedStore(db: Db, hashOfId: (feedId: string) => string) {
  const feedColumns = {
    id: calendarFeeds.id,
    userId: calendarFeeds.userId,
    projectId: calendarFeeds.projectId,
    createdAt: calendarFeeds.createdAt,
  };

  /** The caller's live project, or NotFound (another user's project is not found either). */
  async function projectName(userId: string, projectId: string): Promise<string> {
    const [row] = await db
      .select({ name: projects.name })
      .from(projects)
      .where(and(visibleTo(projects, userId), eq(projects.id, projectId), isNull(projects.deletedAt)));
    if (!row) throw new NotFoundError("project not found");
    return row.name;
  }

  async function current(userId: string, projectId: string | null): Promise<FeedRow | undefined> {
    const [row] = await db
      .select(feedColumns)
      .from(calendarFeeds)
      .where(and(ownedBy(calendarFeeds, userId), scopeOf(projectId)));
    return row;
  }

  async function insert(userId: string, projectId: string | null): Promise<void> {
    const id = randomUUIDv7();
    await db
      .insert(calendarFeeds)
      .values({ id, userId, projectId, secretHash: hashOfId(id), createdAt: new Date() })
      .onConflictDoNothing();
  }

  return {
    projectName,

    /** ensure returns the caller's feed for the scope, creating it on first ask (concurrent asks share one). */
    async ensure(userId: string, projectId: string | null): Promise<FeedRow> {
      if (projectId) await projectName(userId, projectId);
      const existing = await current(userId, projectId);
      if (existing) return existing;
      await insert(userId, projectId);
      const row = await current(userId, projectId);
      if (!row) throw new Error("calendar feed row vanished after insert");
      return row;
    },

    /** regenerate replaces the scope's feed row (new id, new secret): the old URL stops working at once. */
    async regenerate(userId: string, projectId: string | null): Promise<FeedRow> {
      if (projectId) await projectName(userId, projectId);
      await db.transaction(async (tx) => {
        await tx.delete(calendarFeeds).where(and(ownedBy(calendarFeeds, userId), scopeOf(projectId)));
        const id = randomUUIDv7();
        await tx
          .insert(calendarFeeds)
          .values({ id, userId, projectId, secretHash: hashOfId(id), createdAt: new Date() })
          .onConflictDoNothing();
      });
      const row = await current(userId, projectId);
      if (!row) throw new Error("calendar feed row vanished after regenerate");
      return row;
    },

    /** bySecretHash finds the feed a URL names: one unique-index lookup, whether or not the secret is known. */
    async bySecretHash(secretHash: string): Promise<FeedRow | undefined> {
      const [row] = await db
        .select(feedColumns)
        .from(calendarFeeds)
        .innerJoin(users, and(eq(users.id, calendarFeeds.userId), isNull(users.deletedAt)))
        .where(eq(calendarFeeds.secretHash, secretHash));
      return row;
    },

    /**
     * tasks reads a feed's tasks, bounded: the owner's live tasks (of one project, or of every project that is
     * neither archived nor deleted) that are open or were completed in the last `completedDays` days; open ones
     * first by due time, at most `maxTasks`.
     */
    async tasks(feed: Pick<FeedRow, "userId" | "projectId">, now = new Date()) {
      const since = new Date(now.getTime() - feedLimits.completedDays * 86_400_000);
      const place = feed.projectId
        ? eq(tasks.projectId, feed.projectId)
        : sql`${tasks.projectId} in (select ${projects.id} from ${projects} where ${visibleTo(projects, feed.userId)} and ${projects.archivedAt} is null and ${projects.deletedAt} is null)`;
      return db
        .select({
          id: tasks.id,
          title: tasks.title,
          description: tasks.description,
          priority: tasks.priority,
          tags: tasks.tags,
          dueAt: tasks.dueAt,
          dueDateOnly: tasks.dueDateOnly,
          timeZone: tasks.timeZone,
          remindAt: tasks.remindAt,
          remindBeforeSeconds: tasks.remindBeforeSeconds,
          moreReminders: tasks.moreReminders,
          rrule: tasks.rrule,
          repeatFrom: tasks.repeatFrom,
          occurrence: tasks.occurrence,
          status: tasks.status,
          parentId: tasks.parentId,
          createdAt: tasks.createdAt,
          updatedAt: tasks.updatedAt,
          completedAt: tasks.completedAt,
        })
        .from(tasks)
        .where(
          and(
            visibleTo(tasks, feed.userId),
            isNull(tasks.deletedAt),
            place,
            or(eq(tasks.status, OPEN), gte(tasks.completedAt, since)),
          ),
        )
        .orderBy(asc(tasks.status), sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
        .limit(feedLimits.maxTasks);
    },
  };
}

export type CalendarFeedStore = ReturnType<typeof createCalendarFeedStore>;
