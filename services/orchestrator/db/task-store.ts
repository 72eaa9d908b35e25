import { randomUUIDv7 } from "bun";
import { and, eq, type SQLWrapper, sql } from "drizzle-orm";
import { enqueueEvents, enqueueEventsWhere, type OutboxRelay, type OutgoingEvent } from "../../platform/bus/outbox";
import { type Db, rowsOf } from "../../platform/db/database";
import { FailedPreconditionError, NotFoundError } from "../../platform/errors";
import { currentScope } from "../../platform/request-context";
import { appendRank } from "../domain/rank";
import { planStatusChange } from "../domain/status-change";
import { checkVersion, TaskStatusValue } from "../domain/task-rules";
import { type TaskChange, taskChangeEvents } from "../events/task-events";
import { type Acting, actingOn, admit } from "./access";
import { inboxFinder } from "./inbox";
import { outbox, taskColumns, tasks } from "./schema";
import type { TaskRow } from "./task-row";
import { createTaskTreeStore, type MoveRequest, type PlaceRequest, type TaskPlacement } from "./task-tree-store";

/** TaskFields are the user-editable fields of a task (columns of the stored row), already validated. */
export type TaskFields = Pick<
  TaskRow,
  | "title"
  | "description"
  | "priority"
  | "tags"
  | "dueAt"
  | "dueDateOnly"
  | "timeZone"
  | "remindAt"
  | "remindBeforeSeconds"
  | "moreReminders"
  | "rrule"
  | "repeatFrom"
  | "seriesId"
  | "occurrence"
  | "assigneeId"
>;

type StatusChange = Exclude<TaskChange, "created" | "updated">;

/**
 * TaskStore writes every task change atomically with its outbox events. get, update and changeStatus act as an
 * owner (strictly their rows) or as a caller whose role their own first read checks (db/access.ts, Acting).
 */
export interface TaskStore {
  create(userId: string, fields: TaskFields, requestId: string | null, placement?: TaskPlacement): Promise<TaskRow>;
  get(acting: Acting, id: string): Promise<TaskRow>;
  update(
    acting: Acting,
    id: string,
    expectedVersion: bigint,
    patch: (row: TaskRow) => Partial<TaskFields>,
    changedFields: string[],
  ): Promise<TaskRow>;
  /** changeStatus completes, reopens, deletes or restores a task, and its subtasks with it (see TaskTreeStore). */
  changeStatus(acting: Acting, id: string, change: StatusChange, expectedVersion: bigint): Promise<TaskRow>;
  /** place resolves and checks where a new task goes (without a destination: the top of the user's Inbox). */
  place(userId: string, request: PlaceRequest): Promise<TaskPlacement>;
  move(userId: string, id: string, request: MoveRequest): Promise<TaskRow>;
  copySubtasks(userId: string, fromId: string, toId: string): Promise<number>;
}

const source = "/taskmesh/orchestrator";
const correlationId = () => currentScope()?.correlationId ?? randomUUIDv7();

/**
 * writeWithEvents runs a task write (an insert or update RETURNING id) and the outbox insert of its events as one
 * data-modifying CTE, which Postgres runs atomically without BEGIN/COMMIT: one round trip. The events are written
 * only if the write touched a row; it returns whether it did.
 */
async function writeWithEvents(db: Db, write: SQLWrapper, events: OutgoingEvent[]): Promise<boolean> {
  const enqueue = enqueueEventsWhere(outbox, source, events, sql`exists (select 1 from written)`);
  return (
    rowsOf(await db.execute(sql`with written as (${write.getSQL()}), enqueued as (${enqueue}) select id from written`))
      .length > 0
  );
}

/** insertTaskOnce writes a new task and its events; if the user already created one with this request_id it writes nothing and returns false. */
function insertTaskOnce(db: Db, task: TaskRow, events: OutgoingEvent[]): Promise<boolean> {
  return writeWithEvents(
    db,
    db
      .insert(tasks)
      .values(task)
      .onConflictDoNothing({ target: [tasks.userId, tasks.requestId] })
      .returning({ id: tasks.id }),
    events,
  );
}

/**
 * updateTaskFrom applies `set` to the task and writes its events if the task is still at `before`'s version
 * (optimistic compare-and-swap, no lock held between the read and the write); false if someone changed it first.
 */
function updateTaskFrom(db: Db, before: TaskRow, set: Partial<TaskRow>, events: OutgoingEvent[]): Promise<boolean> {
  const compareAndSwap = db
    .update(tasks)
    .set(set)
    .where(and(eq(tasks.id, before.id), eq(tasks.userId, before.userId), eq(tasks.version, before.version)))
    .returning({ id: tasks.id });
  return writeWithEvents(db, compareAndSwap, events);
}

/** storedFields gives fields as Postgres stores and returns them, so a row built in JS equals the one read back. */
function storedFields<T extends Partial<TaskFields>>(fields: T): T {
  const canonical = { ...fields };
  if (fields.seriesId) canonical.seriesId = canonicalUuid(fields.seriesId);
  if (fields.assigneeId) canonical.assigneeId = canonicalUuid(fields.assigneeId);
  return canonical;
}

/** canonicalUuid spells a uuid the way Postgres returns it (lowercase, hyphenated); anything else is left for the insert to reject. */
function canonicalUuid(value: string): string {
  const hex = value.replace(/[{}-]/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return value;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A planned change of a task: what it is, the columns it sets, and the fields the caller named. */
interface PlannedChange {
  change: Exclude<TaskChange, "created">;
  set: Partial<TaskRow>;
  changedFields?: string[];
}

/** After this many lost compare-and-swaps (to other processes) a change takes the row lock instead, which cannot lose. */
const optimisticAttempts = 3;

export function createTaskStore(db: Db, relay: Pick<OutboxRelay, "wake">): TaskStore {
  const inboxOf = inboxFinder(db);
  const tree = createTaskTreeStore(db, relay);
  const readOwned = async (
    acting: Acting,
    id: string,
  ): Promise<TaskRow & { hasSubtasks: boolean; parentDeleted: boolean }> => {
    const { where, role } = actingOn(acting, tasks, id);
    const [row] = await db
      .select({
        ...taskColumns,
        // In the same round trip: a task with subtasks changes status together with them, in a transaction.
        hasSubtasks: sql<boolean>`exists (select 1 from ${tasks} as sub where sub.parent_id = "tasks"."id")`,
        parentDeleted: sql<boolean>`exists (select 1 from ${tasks} as up where up.id = "tasks"."parent_id" and up.deleted_at is not null)`,
        // And the caller's access: another user's id is simply not found, a viewer's change refused.
        role,
      })
      .from(tasks)
      .where(where);
    admit(acting, { task: id }, row);
    const { role: _role, ...owned } = row!;
    return owned;
  };

  // This process's changes to one task take turns. Raced, all but one of them would miss the compare-and-swap and
  // read again, and under a burst on one task most would run out of attempts; the compare-and-swap still guards
  // against other processes. Keyed by user too, so requests for another user's task never queue behind theirs.
  const turns = new Map<string, Promise<unknown>>();
  const inTurn = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const mine = (turns.get(key) ?? Promise.resolve()).then(work);
    const done = mine.then(
      () => {},
      () => {},
    );
    turns.set(key, done);
    void done.then(() => turns.get(key) === done && turns.delete(key));
    return mine;
  };

  /** written plans a change from `before`: the row exactly as the update will store it, and its events (null: nothing to do). */
  const written = (before: TaskRow, plan: (before: TaskRow, now: Date) => PlannedChange | null) => {
    const now = new Date();
    const planned = plan(before, now);
    if (!planned) return null;
    const set = { ...storedFields(planned.set), updatedAt: now, version: before.version + 1 };
    const after: TaskRow = { ...before, ...set };
    const events = taskChangeEvents(planned.change, after, before, {
      correlationId: correlationId(),
      changedFields: planned.changedFields,
    });
    return { set, after, events };
  };

  /** changeLocked is the pessimistic path: lock the row, plan, update and enqueue in one transaction. */
  const changeLocked = (
    userId: string,
    id: string,
    plan: (before: TaskRow, now: Date) => PlannedChange | null,
  ): Promise<TaskRow> =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select(taskColumns)
        .from(tasks)
        .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
        .for("update");
      if (!before) throw new NotFoundError(`task ${id} not found`);
      const change = written(before, plan);
      if (!change) return before;
      await tx.update(tasks).set(change.set).where(eq(tasks.id, id));
      await enqueueEvents(tx, outbox, source, change.events);
      return change.after;
    });

  /**
   * changeOwned reads a task as `acting` (its owner, or a caller whose role the same read checks), plans a change
   * from it (null: nothing to do, answer with the task as it is), and writes it with its events in one statement if
   * the task is still as read: two round trips, no lock held.
   * If another process's write got in between it reads again and re-plans — the plan's checks, the caller's expected
   * version among them, see the fresh row, so a caller who named a version gets VersionConflict and one who named
   * none lands on top — and after a few lost races it takes the row lock, so a change never fails for being raced.
   */
  const changeOwned = (
    acting: Acting,
    id: string,
    plan: (before: TaskRow, now: Date) => PlannedChange | null,
    withSubtasks?: (ownerId: string) => Promise<TaskRow>,
    restoring = false,
  ): Promise<TaskRow> =>
    inTurn(`${typeof acting === "string" ? acting : acting.callerId}/${id}`, async () => {
      let ownerId = "";
      for (let attempt = 1; attempt <= optimisticAttempts; attempt++) {
        const { hasSubtasks, parentDeleted, ...before } = await readOwned(acting, id);
        ownerId = before.userId;
        // A subtask comes back only under a live parent: restoring the parent brings it back with it.
        if (restoring && parentDeleted && before.deletedAt)
          throw new FailedPreconditionError("restore the parent task first");
        if (hasSubtasks && withSubtasks) return withSubtasks(ownerId);
        const change = written(before, plan);
        if (!change) return before;
        if (await updateTaskFrom(db, before, change.set, change.events)) {
          relay.wake();
          return change.after;
        }
      }
      const after = await changeLocked(ownerId, id, plan);
      relay.wake();
      return after;
    });

  return {
    async create(userId, fields, requestId, placement) {
      const now = new Date();
      const where = placement ?? {
        projectId: await inboxOf(userId),
        sectionId: null,
        parentId: null,
        rank: appendRank(now),
      };
      const id = randomUUIDv7();
      const recurring = fields.rrule !== null;
      // The row exactly as the insert's RETURNING would give it, so its events can go in the same statement.
      const task: TaskRow = {
        ...storedFields(fields),
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
        ...where,
      };
      const events = taskChangeEvents("created", task, undefined, { correlationId: correlationId() });
      if (await insertTaskOnce(db, task, events)) {
        relay.wake();
        return task;
      }
      // The same request_id again: answer with the task the first call created, publish nothing.
      const [existing] = await db
        .select(taskColumns)
        .from(tasks)
        .where(and(eq(tasks.userId, userId), eq(tasks.requestId, requestId!)));
      if (!existing) throw new FailedPreconditionError("request_id conflict");
      return existing;
    },

    async get(acting, id) {
      const { where, role } = actingOn(acting, tasks, id);
      const [row] = await db
        .select({ ...taskColumns, role })
        .from(tasks)
        .where(where);
      admit(acting, { task: id }, row);
      const { role: _role, ...task } = row!;
      return task;
    },

    update: (acting, id, expectedVersion, patch, changedFields) =>
      changeOwned(acting, id, (before) => {
        if (before.deletedAt) throw new NotFoundError(`task ${id} not found`);
        checkVersion(before, expectedVersion);
        return { change: "updated", set: patch(before), changedFields };
      }),

    changeStatus: (acting, id, change, expectedVersion) =>
      changeOwned(
        acting,
        id,
        (before, now) => {
          const set = planStatusChange(id, before, change, expectedVersion, now);
          return set && { change, set };
        },
        (ownerId) => tree.changeStatusWithSubtasks(ownerId, id, change, expectedVersion),
        change === "restored",
      ),

    place: (userId, request) => tree.place(userId, request, () => inboxOf(userId)),
    move: (userId, id, request) => inTurn(`${userId}/${id}`, () => tree.move(userId, id, request)),
    copySubtasks: (userId, fromId, toId) => tree.copySubtasks(userId, fromId, toId),
  };
}
