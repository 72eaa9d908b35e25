import { randomUUIDv7 } from "bun";
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { enqueueEvents, type OutboxRelay, type OutgoingEvent } from "../../platform/bus/outbox";
import { type Db, rowsOf, type Tx } from "../../platform/db/database";
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from "../../platform/errors";
import { currentScope } from "../../platform/request-context";
import { rankBetween } from "../domain/rank";
import { ownedBy } from "./access";
import { outbox, projects, sections, taskColumns, tasks } from "./schema";
import type { TaskRow } from "./task-row";

/** The event source of the orchestrator's writes. */
const eventSource = "/taskmesh/orchestrator";

/** correlationId is the current request's, or a fresh one. */
export const correlationId = () => currentScope()?.correlationId ?? randomUUIDv7();

/** Events per outbox insert: six parameters each, well under Postgres's 65,535 per statement. */
const eventsPerInsert = 2000;

/** enqueueAll writes any number of events in the transaction, in inserts of bounded size. */
async function enqueueAll(tx: Tx, events: OutgoingEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += eventsPerInsert) {
    await enqueueEvents(tx, outbox, eventSource, events.slice(i, i + eventsPerInsert));
  }
}

/** liveProject reads one of the caller's projects that is not deleted, or answers NotFound naming the field. */
export async function liveProject(tx: Tx, userId: string, id: string, lock = false) {
  const query = tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), ownedBy(projects, userId), isNull(projects.deletedAt)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError(`project ${id} not found`);
  return row;
}

/** liveSection reads one of the caller's sections that is not deleted (nor is its project). */
export async function liveSection(tx: Tx, userId: string, id: string, lock = false) {
  const query = tx
    .select()
    .from(sections)
    .where(and(eq(sections.id, id), ownedBy(sections, userId), isNull(sections.deletedAt)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError(`section ${id} not found`);
  return row;
}

/** liveTask reads one of the caller's tasks that is not deleted. */
export async function liveTask(tx: Tx, userId: string, id: string, lock = false): Promise<TaskRow> {
  const query = tx
    .select(taskColumns)
    .from(tasks)
    .where(and(eq(tasks.id, id), ownedBy(tasks, userId), isNull(tasks.deletedAt)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError(`task ${id} not found`);
  return row;
}

/** ancestry is a row's chain upwards through parent_id in its table (tasks or projects): the row itself first. */
async function ancestry(tx: Tx, table: typeof tasks | typeof projects, userId: string, id: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`with recursive up(id, parent_id, n) as (
        select id, parent_id, 0 from ${table} where id = ${id} and user_id = ${userId}
        union all
        select r.id, r.parent_id, up.n + 1 from ${table} r join up on r.id = up.parent_id
        where r.user_id = ${userId} and up.n < 16
      ) select id from up order by n`),
  );
  return rows.map((r) => r.id);
}

/** taskAncestry is a task's chain upwards: the task itself first, its top-level ancestor last. */
export const taskAncestry = (tx: Tx, userId: string, taskId: string) => ancestry(tx, tasks, userId, taskId);

/** projectAncestry is a project's chain upwards: the project itself first. */
export const projectAncestry = (tx: Tx, userId: string, projectId: string) => ancestry(tx, projects, userId, projectId);

/** descendantIds lists every row under `rootId` (all levels) through parent_id in its table (tasks or projects). */
async function descendantIds(tx: Tx, table: typeof tasks | typeof projects, userId: string, rootId: string) {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`with recursive down(id, n) as (
        select id, 1 from ${table} where parent_id = ${rootId} and user_id = ${userId}
        union all
        select r.id, down.n + 1 from ${table} r join down on r.parent_id = down.id
        where r.user_id = ${userId} and down.n < 16
      ) select id from down`),
  );
  return rows.map((r) => r.id);
}

/** taskDescendants reads every subtask (all levels) of a task, locked for the transaction (in id order). */
export async function taskDescendants(tx: Tx, userId: string, rootId: string): Promise<TaskRow[]> {
  const ids = await descendantIds(tx, tasks, userId, rootId);
  if (ids.length === 0) return [];
  const mine = and(inArray(tasks.id, ids), ownedBy(tasks, userId));
  return tx.select(taskColumns).from(tasks).where(mine).orderBy(asc(tasks.id)).for("update");
}

/** projectDescendants reads every sub-project (all levels) of a project, locked for the transaction (in id order). */
export async function projectDescendants(tx: Tx, userId: string, rootId: string) {
  const ids = await descendantIds(tx, projects, userId, rootId);
  if (ids.length === 0) return [];
  const mine = and(inArray(projects.id, ids), ownedBy(projects, userId));
  return tx.select().from(projects).where(mine).orderBy(asc(projects.id)).for("update");
}

/** A table whose rows are ordered by rank: tasks, projects and sections. */
type RankedTable = typeof tasks | typeof projects | typeof sections;

/**
 * rankAmong gives the rank for an item placed in a list: right after `afterId`, right before `beforeId`, between
 * the two, or at the end. The named neighbours must be in the list (`inList` is the list's condition); a
 * neighbour elsewhere, deleted or another user's is an InvalidArgument on its field.
 */
export async function rankAmong(
  tx: Tx,
  t: RankedTable,
  inList: SQL | undefined,
  movingId: string | null,
  neighbours: { beforeId?: string; afterId?: string },
): Promise<string> {
  const others = and(inList, movingId ? sql`${t.id} <> ${movingId}` : undefined, isNull(t.deletedAt));
  const rankOf = async (id: string, field: string) => {
    const [row] = await tx
      .select({ rank: t.rank })
      .from(t)
      .where(and(others, eq(t.id, id)));
    if (!row) {
      throw new InvalidArgumentError([{ field, description: "not an item of the destination list" }]);
    }
    return row.rank;
  };
  const next = async (rank: string, direction: "after" | "before") => {
    const [row] = await tx
      .select({ rank: t.rank })
      .from(t)
      .where(and(others, direction === "after" ? sql`${t.rank} > ${rank}` : sql`${t.rank} < ${rank}`))
      .orderBy(direction === "after" ? asc(t.rank) : desc(t.rank))
      .limit(1);
    return row?.rank ?? null;
  };
  if (neighbours.afterId && neighbours.beforeId) {
    return rankBetween(await rankOf(neighbours.afterId, "after_id"), await rankOf(neighbours.beforeId, "before_id"));
  }
  if (neighbours.afterId) {
    const after = await rankOf(neighbours.afterId, "after_id");
    return rankBetween(after, await next(after, "after"), "after_id");
  }
  if (neighbours.beforeId) {
    const before = await rankOf(neighbours.beforeId, "before_id");
    return rankBetween(await next(before, "before"), before, "before_id");
  }
  const [last] = await tx.select({ rank: t.rank }).from(t).where(others).orderBy(desc(t.rank)).limit(1);
  return rankBetween(last?.rank ?? null, null);
}

/** bumped is a row after a change: one version more, updated now. */
export const bumped = <T extends { version: number; updatedAt: Date }>(row: T, set: Partial<T>, now: Date): T => ({
  ...row,
  ...set,
  updatedAt: now,
  version: row.version + 1,
});

/** raced reads the row a concurrent call with the same request_id made (its id is derived from the caller too). */
export async function raced<T>(read: Promise<T[]>): Promise<T> {
  const [row] = await read;
  if (!row) throw new FailedPreconditionError("request_id conflict");
  return row;
}

/**
 * organiseWriter runs a change in a transaction, writes the events it collected to the outbox in the same one,
 * and wakes the relay after the commit.
 */
export function organiseWriter(db: Db, relay: Pick<OutboxRelay, "wake">) {
  return async <T>(work: (tx: Tx, events: OutgoingEvent[], now: Date) => Promise<T>): Promise<T> => {
    const result = await db.transaction(async (tx) => {
      const events: OutgoingEvent[] = [];
      const value = await work(tx, events, new Date());
      await enqueueAll(tx, events);
      return value;
    });
    relay.wake();
    return result;
  };
}
