import { randomUUIDv7 } from "bun";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Db, type Tx } from "../../platform/db/database";
import { enqueueEvents, enqueueEventsWhere, type OutboxRelay, type OutgoingEvent } from "../../platform/bus/outbox";
import { NotFoundError, FailedPreconditionError } from "../../platform/errors";
import { currentScope } from "../../platform/request-context";
import { checkVersion, TaskStatusValue } from "../domain/task-rules";
import { taskChangeEvents, type TaskChange } from "../events/task-events";
import type { TaskRow } from "../rpc/task-mapper";
import { outbox, taskColumns, tasks } from "./schema";

/** TaskFields are the user-editable fields of a task, already validated. */
export interface TaskFields {
  title: string;
  description: string;
  priority: number;
  tags: string[];
  dueAt: Date | null;
  dueDateOnly: boolean;
  timeZone: string;
  remindAt: Date | null;
  remindBeforeSeconds: number | null;
  rrule: string | null;
  repeatFrom: number | null;
  seriesId: string | null;
  occurrence: number | null;
}

export type StatusChange = Exclude<TaskChange, "created" | "updated">;

/** TaskStore writes every task change atomically with its outbox events. */
export interface TaskStore {
  create(userId: string, fields: TaskFields, requestId: string | null): Promise<TaskRow>;
  get(userId: string, id: string): Promise<TaskRow>;
  update(userId: string, id: string, expectedVersion: bigint, patch: (row: TaskRow) => Partial<TaskFields>, changedFields: string[]): Promise<TaskRow>;
  changeStatus(userId: string, id: string, change: StatusChange, expectedVersion: bigint): Promise<TaskRow>;
}

const source = "/taskmesh/orchestrator";
const correlationId = () => currentScope()?.correlationId ?? randomUUIDv7();

/**
 * insertTaskOnce writes a new task and its outbox events in one statement, which Postgres runs atomically
 * without BEGIN/COMMIT: one round trip instead of four. If the user already created a task with this
 * request_id it writes nothing and returns false.
 */
async function insertTaskOnce(db: Db, task: TaskRow, events: OutgoingEvent[]): Promise<boolean> {
  const insertTask = db.insert(tasks).values(task).onConflictDoNothing({ target: [tasks.userId, tasks.requestId] }).returning({ id: tasks.id });
  const enqueue = enqueueEventsWhere(outbox, source, events, sql`exists (select 1 from inserted)`);
  return rowsOf(await db.execute(sql`with inserted as (${insertTask.getSQL()}), enqueued as (${enqueue}) select id from inserted`)).length > 0;
}

/** canonicalUuid spells a uuid the way Postgres returns it (lowercase, hyphenated); anything else is left for the insert to reject. */
function canonicalUuid(value: string): string {
  const hex = value.replace(/[{}-]/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return value;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createTaskStore(db: Db, relay: Pick<OutboxRelay, "wake">): TaskStore {
  /** lockOwned loads a task of this user for update; another user's id is simply not found. */
  const lockOwned = async (tx: Tx, userId: string, id: string): Promise<TaskRow> => {
    const [row] = await tx.select(taskColumns).from(tasks).where(and(eq(tasks.id, id), eq(tasks.userId, userId))).for("update");
    if (!row) throw new NotFoundError(`task ${id} not found`);
    return row;
  };

  const commit = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
    const result = await db.transaction(work);
    relay.wake();
    return result;
  };

  return {
    async create(userId, fields, requestId) {
      const now = new Date();
      const id = randomUUIDv7();
      const recurring = fields.rrule !== null;
      // The row exactly as the insert's RETURNING would give it, so its events can go in the same statement.
      const task: TaskRow = {
        ...fields,
        seriesId: recurring ? canonicalUuid(fields.seriesId ?? id) : null,
        occurrence: recurring ? (fields.occurrence ?? 1) : null,
        id,
        userId,
        status: TaskStatusValue.open,
        createdAt: now,
        updatedAt: now,
        completedAt: null,
        deletedAt: null,
        version: 1,
        requestId,
      };
      const events = taskChangeEvents("created", task, undefined, { correlationId: correlationId() });
      if (await insertTaskOnce(db, task, events)) {
        relay.wake();
        return task;
      }
      // The same request_id again: answer with the task the first call created, publish nothing.
      const [existing] = await db.select(taskColumns).from(tasks).where(and(eq(tasks.userId, userId), eq(tasks.requestId, requestId!)));
      if (!existing) throw new FailedPreconditionError("request_id conflict");
      return existing;
    },

    async get(userId, id) {
      const [row] = await db.select(taskColumns).from(tasks).where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
      if (!row) throw new NotFoundError(`task ${id} not found`);
      return row;
    },

    update: (userId, id, expectedVersion, patch, changedFields) =>
      commit(async (tx) => {
        const before = await lockOwned(tx, userId, id);
        if (before.deletedAt) throw new NotFoundError(`task ${id} not found`);
        checkVersion(before, expectedVersion);
        const changes = patch(before);
        const [after] = await tx
          .update(tasks)
          .set({ ...changes, updatedAt: new Date(), version: sql`${tasks.version} + 1` })
          .where(eq(tasks.id, id))
          .returning(taskColumns);
        await enqueueEvents(tx, outbox, source, taskChangeEvents("updated", after!, before, { correlationId: correlationId(), changedFields }));
        return after!;
      }),

    changeStatus: (userId, id, change, expectedVersion) =>
      commit(async (tx) => {
        const before = await lockOwned(tx, userId, id);
        checkVersion(before, expectedVersion);
        const now = new Date();
        const deleted = before.deletedAt !== null;
        if (change === "restored" ? !deleted : deleted) throw new NotFoundError(`task ${id} not found`);
        const alreadyThere =
          (change === "completed" && before.status === TaskStatusValue.completed) ||
          (change === "reopened" && before.status === TaskStatusValue.open);
        // Completing a completed task (a retry, a double click) is answered with the task as it is.
        if (alreadyThere) return before;
        const set =
          change === "completed"
            ? { status: TaskStatusValue.completed, completedAt: now }
            : change === "reopened"
              ? { status: TaskStatusValue.open, completedAt: null }
              : change === "deleted"
                ? { deletedAt: now }
                : { deletedAt: null };
        const [after] = await tx
          .update(tasks)
          .set({ ...set, updatedAt: now, version: sql`${tasks.version} + 1` })
          .where(eq(tasks.id, id))
          .returning(taskColumns);
        await enqueueEvents(tx, outbox, source, taskChangeEvents(change, after!, before, { correlationId: correlationId() }));
        return after!;
      }),
  };
}
