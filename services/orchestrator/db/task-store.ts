import { randomUUIDv7 } from "bun";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/database";
import { enqueueEvents, type OutboxRelay } from "../../platform/bus/outbox";
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

/** TaskStore runs every task change in one transaction with its outbox events. */
export interface TaskStore {
  create(userId: string, fields: TaskFields, requestId: string | null): Promise<TaskRow>;
  get(userId: string, id: string): Promise<TaskRow>;
  update(userId: string, id: string, expectedVersion: bigint, patch: (row: TaskRow) => Partial<TaskFields>, changedFields: string[]): Promise<TaskRow>;
  changeStatus(userId: string, id: string, change: StatusChange, expectedVersion: bigint): Promise<TaskRow>;
}

const source = "/taskmesh/orchestrator";
const correlationId = () => currentScope()?.correlationId ?? randomUUIDv7();

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
    create: (userId, fields, requestId) =>
      commit(async (tx) => {
        const now = new Date();
        const id = randomUUIDv7();
        const recurring = fields.rrule !== null;
        const [inserted] = await tx
          .insert(tasks)
          .values({
            ...fields,
            seriesId: recurring ? (fields.seriesId ?? id) : null,
            occurrence: recurring ? (fields.occurrence ?? 1) : null,
            id,
            userId,
            status: TaskStatusValue.open,
            createdAt: now,
            updatedAt: now,
            version: 1,
            requestId,
          })
          .onConflictDoNothing({ target: [tasks.userId, tasks.requestId] })
          .returning(taskColumns);
        if (!inserted) {
          // The same request_id again: answer with the task the first call created, publish nothing.
          const [existing] = await tx.select(taskColumns).from(tasks).where(and(eq(tasks.userId, userId), eq(tasks.requestId, requestId!)));
          if (!existing) throw new FailedPreconditionError("request_id conflict");
          return existing;
        }
        await enqueueEvents(tx, outbox, source, taskChangeEvents("created", inserted, undefined, { correlationId: correlationId() }));
        return inserted;
      }),

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
