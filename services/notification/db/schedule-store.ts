import { and, asc, eq, inArray, isNull, lt, lte, min, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/database";
import { planCancel, planSchedule, reminderRowId, type ScheduleDecision, snoozeRowId } from "../domain/schedule";
import { reminderSchedules, reminderTasks } from "./schema";

/** ScheduleRow is one stored schedule row. */
export type ScheduleRow = typeof reminderSchedules.$inferSelect;

/** Where a command came from, carried into the events its delivery publishes. */
export interface Provenance {
  correlationId: string;
  causationId: string;
}

/** TaskDetails are what a reminder says about its task. */
interface TaskDetails {
  dueAt: Date | null;
  title: string;
  timeZone: string;
}

/** OwnerStatement is an event's word on who owns a task (`userId`, meta.user_id) and when it said so. */
interface OwnerStatement {
  userId: string;
  statedAt: Date;
}

/** ScheduleCommand asks for a task's reminders at `times` (every one it has), as of taskVersion. */
export interface ScheduleCommand extends Provenance, TaskDetails, OwnerStatement {
  taskId: string;
  times: Date[];
  taskVersion: number;
}

/** CancelCommand says a task no longer has reminders, as of taskVersion; `ended` when it is done or deleted. */
export interface CancelCommand extends Provenance, OwnerStatement {
  taskId: string;
  taskVersion: number;
  ended: boolean;
}

/**
 * HolderFacts are what a task event says about who a task's reminders go to, as of taskVersion: its owner, its
 * assignee (empty: nobody) and its project. `track` records them even for a task never seen (it has reminders or
 * an assignee, so a ReminderScheduled may follow on the other topic); otherwise only a known task is updated.
 */
export interface HolderFacts extends OwnerStatement {
  taskId: string;
  taskVersion: number;
  assigneeId: string;
  projectId: string;
  track: boolean;
}

/** What applying a command did: nothing (an older version), or the decision per row id. */
export type ApplyResult = { kind: "stale" } | { kind: "applied"; decisions: Map<string, ScheduleDecision> };

const t = reminderTasks;

/** recipientOf is who a task's reminders go to: its assignee, else its owner. */
const recipientOf = sql<string>`case when ${t.assigneeId} <> '' then ${t.assigneeId} else ${t.userId} end`;

/** newerOwner takes the incoming (excluded) owner unless the stored one was stated later (a transfer, say). */
const newerOwner = {
  userId: sql`case when ${t.ownerAt} is null or excluded.owner_at >= ${t.ownerAt} then excluded.user_id else ${t.userId} end`,
  ownerAt: sql`greatest(${t.ownerAt}, excluded.owner_at)`,
};

/**
 * claimTask moves the task's version row to `taskVersion` (made if new) and holds its lock until the transaction
 * ends, in one statement: every change to a task's reminders goes through it, so two events of one task never
 * interleave. It answers whether the command is stale (a newer version was seen before); a stale command changes
 * nothing. `ended` marks the task done or deleted (true), open again (false), or leaves it (undefined).
 */
async function claimTask(
  tx: Tx,
  command: OwnerStatement & { taskId: string; taskVersion: number; ended?: boolean },
): Promise<{ stale: boolean; fresh: boolean; recipient: string }> {
  const ended = command.ended === undefined ? sql`${t.ended}` : sql`${command.ended}::boolean`;
  const [row] = await tx
    .insert(t)
    .values({
      taskId: command.taskId,
      userId: command.userId,
      ownerAt: command.statedAt,
      taskVersion: command.taskVersion,
      ended: !!command.ended,
    })
    .onConflictDoUpdate({
      target: t.taskId,
      set: {
        ...newerOwner,
        taskVersion: sql`greatest(${t.taskVersion}, excluded.task_version)`,
        ended: sql`case when excluded.task_version >= ${t.taskVersion} then ${ended} else ${t.ended} end`,
        updatedAt: new Date(),
      },
    })
    // xmax is 0 on a row this statement inserted: a task never seen has no schedule rows to read.
    .returning({ taskVersion: t.taskVersion, fresh: sql<boolean>`(xmax = 0)`, recipient: recipientOf });
  return { stale: row!.taskVersion > command.taskVersion, fresh: row!.fresh, recipient: row!.recipient };
}

/**
 * retarget points the not yet delivered reminders (and snoozes) of the tasks at their recipient, as reminder_tasks
 * now says. A row whose delivery has started (an inbox entry made or the email sent) keeps its person; a claimed row
 * not yet delivered is released (pending again), so the claim holding it is no longer current and the next claim
 * delivers it to the new person.
 */
async function retarget(tx: Tx, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  const s = reminderSchedules;
  await tx.execute(sql`update ${s} set user_id = r.recipient, state = 'pending', lease_id = null, lease_until = null,
      updated_at = now()
    from (select ${t.taskId} as task_id, ${recipientOf} as recipient from ${t} where ${inArray(t.taskId, taskIds)}) r
    where ${s.taskId} = r.task_id and ${s.userId} <> r.recipient and ${s.state} in ('pending', 'leased')
      and ${s.notificationId} is null and not ${s.emailDone}`);
}

/**
 * noteHolders records a task event's owner, assignee and project: the assignee and project only from a newer task
 * version than the last that said, the owner only from a statement no older than the stored one. A reminder not yet
 * delivered then goes to the task's recipient (retarget): reassigning before the time re-targets it, unassigning
 * gives it back to the owner. A redelivered or older event changes nothing.
 */
export async function noteHolders(tx: Tx, facts: HolderFacts): Promise<void> {
  const values = {
    taskId: facts.taskId,
    userId: facts.userId,
    ownerAt: facts.statedAt,
    taskVersion: 0,
    assigneeId: facts.assigneeId,
    assigneeVersion: facts.taskVersion,
    projectId: facts.projectId,
  };
  const newerHolder = (column: typeof t.assigneeId | typeof t.projectId) =>
    sql`case when excluded.assignee_version > ${t.assigneeVersion} then excluded.${sql.identifier(column.name)}
      else ${column} end`;
  const set = {
    ...newerOwner,
    assigneeId: newerHolder(t.assigneeId),
    projectId: newerHolder(t.projectId),
    assigneeVersion: sql`greatest(${t.assigneeVersion}, excluded.assignee_version)`,
    updatedAt: new Date(),
  };
  // A task never tracked is inserted (task version 0: no reminder event seen yet, so none is stale) only when
  // `track`; otherwise the same statement changes an existing row alone (the insert's conflict is the only way in).
  const known = facts.track
    ? true
    : (await tx.select({ id: t.taskId }).from(t).where(eq(t.taskId, facts.taskId)).for("update")).length > 0;
  if (!known) return;
  await tx.insert(t).values(values).onConflictDoUpdate({ target: t.taskId, set });
  await retarget(tx, [facts.taskId]);
}

/**
 * releaseAssignee gives the tasks a (deleted) account held back to their owners: their reminders not yet
 * delivered go to the owner.
 */
export async function releaseAssignee(tx: Tx, userId: string): Promise<void> {
  const released = await tx
    .update(t)
    .set({ assigneeId: "", updatedAt: new Date() })
    .where(eq(t.assigneeId, userId))
    .returning({ taskId: t.taskId });
  await retarget(
    tx,
    released.map((row) => row.taskId),
  );
}

/**
 * transferOwner follows a ProjectOwnershipTransferred: the tasks of the tree's projects that `from` owned are
 * `to`'s from `at` on, and their reminders that went to the owner (no assignee) go to the new owner. A task
 * whose owner was stated later than the transfer keeps it.
 */
export async function transferOwner(
  tx: Tx,
  transfer: { from: string; to: string; projectIds: string[]; at: Date },
): Promise<void> {
  if (transfer.projectIds.length === 0) return;
  const moved = await tx
    .update(t)
    .set({ userId: transfer.to, ownerAt: transfer.at, updatedAt: new Date() })
    .where(
      and(
        eq(t.userId, transfer.from),
        inArray(t.projectId, transfer.projectIds),
        or(isNull(t.ownerAt), lte(t.ownerAt, transfer.at)),
      ),
    )
    .returning({ taskId: t.taskId });
  await retarget(
    tx,
    moved.map((row) => row.taskId),
  );
}

/** readTask reads a task's version row (none: no reminder event of it was ever seen). */
async function readTask(tx: Tx, taskId: string) {
  const [row] = await tx.select().from(reminderTasks).where(eq(reminderTasks.taskId, taskId)).for("update");
  return row;
}

/** lockSchedule reads one schedule row and holds its lock until the transaction ends. */
export async function lockSchedule(tx: Tx, id: string): Promise<ScheduleRow | undefined> {
  const [row] = await tx.select().from(reminderSchedules).where(eq(reminderSchedules.id, id)).for("update");
  return row;
}

/** lockSchedules locks several rows, in key order so that concurrent batches cannot deadlock. */
export async function lockSchedules(tx: Tx, ids: string[]): Promise<ScheduleRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(reminderSchedules)
    .where(inArray(reminderSchedules.id, ids))
    .orderBy(asc(reminderSchedules.id))
    .for("update");
}

const rowsOfTask = (tx: Tx, taskId: string) =>
  tx
    .select()
    .from(reminderSchedules)
    .where(eq(reminderSchedules.taskId, taskId))
    .orderBy(asc(reminderSchedules.id))
    .for("update");

/** armed is a row set to fire at `remindAt` from scratch (fresh attempts, no channel done yet). */
const armed = (remindAt: Date) => ({
  remindAt,
  state: "pending" as const,
  attempts: 0,
  nextAttemptAt: remindAt,
  leaseUntil: null,
  leaseId: null,
  notificationId: null,
  emailDone: false,
  lastError: null,
  deliveredAt: null,
});

/**
 * scheduleReminders applies a ReminderScheduled: the task's reminders are now exactly `times`. An older version
 * than the newest seen changes nothing. Each time keeps its own row (see planSchedule: a time already delivered
 * is not re-armed by a newer version); a row whose time is gone is cancelled (planCancel). A snooze is left alone.
 */
export async function scheduleReminders(tx: Tx, command: ScheduleCommand): Promise<ApplyResult> {
  const task = await claimTask(tx, { ...command, ended: false });
  if (task.stale) return { kind: "stale" };
  const existing = new Map(task.fresh ? [] : (await rowsOfTask(tx, command.taskId)).map((row) => [row.id, row]));
  const details = {
    userId: task.recipient,
    dueAt: command.dueAt,
    title: command.title,
    timeZone: command.timeZone,
    taskVersion: command.taskVersion,
    correlationId: command.correlationId,
    causationId: command.causationId,
    updatedAt: new Date(),
  };
  const decisions = new Map<string, ScheduleDecision>();
  const wanted = new Set<string>();
  const inserts: (typeof reminderSchedules.$inferInsert)[] = [];
  for (const at of command.times) {
    const id = reminderRowId(command.taskId, at);
    wanted.add(id);
    const decision = planSchedule(existing.get(id), { remindAt: at, taskVersion: command.taskVersion });
    decisions.set(id, decision);
    if (decision.kind === "insert") inserts.push({ id, taskId: command.taskId, ...details, ...armed(at) });
    else if (decision.kind === "replace")
      await tx
        .update(reminderSchedules)
        .set({ ...details, ...armed(at) })
        .where(eq(reminderSchedules.id, id));
    else if (decision.kind === "refresh")
      await tx.update(reminderSchedules).set(details).where(eq(reminderSchedules.id, id));
  }
  // New times go in one statement: a new task with several reminders costs one insert.
  if (inserts.length > 0) await tx.insert(reminderSchedules).values(inserts);
  for (const row of existing.values()) {
    if (row.kind !== "reminder" || wanted.has(row.id)) continue;
    decisions.set(row.id, await cancelRow(tx, row, command));
  }
  // The rows this version left alone (a time already armed at it) follow a new owner too.
  if (!task.fresh) await retarget(tx, [command.taskId]);
  return { kind: "applied", decisions };
}

/** cancelRow applies planCancel to one stored row (a row that exists is never inserted). */
async function cancelRow(
  tx: Tx,
  row: ScheduleRow,
  command: Provenance & { taskVersion: number },
): Promise<ScheduleDecision> {
  const decision = planCancel(row, command.taskVersion);
  const versioned = {
    taskVersion: command.taskVersion,
    correlationId: command.correlationId,
    causationId: command.causationId,
    updatedAt: new Date(),
  };
  if (decision.kind === "cancel")
    await tx
      .update(reminderSchedules)
      .set({ ...versioned, state: "cancelled", leaseId: null, leaseUntil: null })
      .where(eq(reminderSchedules.id, row.id));
  else if (decision.kind === "refresh")
    await tx.update(reminderSchedules).set(versioned).where(eq(reminderSchedules.id, row.id));
  return decision;
}

/**
 * cancelReminders applies a cancellation: every reminder of the task goes (and its snooze too once the task is
 * done or deleted). The version row stays as a tombstone, so a late, older schedule stays ignored.
 */
export async function cancelReminders(tx: Tx, command: CancelCommand): Promise<ApplyResult> {
  if ((await claimTask(tx, { ...command, ended: command.ended || undefined })).stale) return { kind: "stale" };
  const decisions = new Map<string, ScheduleDecision>();
  for (const row of await rowsOfTask(tx, command.taskId)) {
    if (row.kind === "snooze" && !command.ended) continue;
    decisions.set(row.id, await cancelRow(tx, row, command));
  }
  return { kind: "applied", decisions };
}

/**
 * followTask takes a pending reminder's title, due time and zone from a newer version of its task (the
 * orchestrator re-publishes a schedule only when the reminder times change, not on a rename), and notes a
 * reopened or restored task as open again (it may be snoozed). It moves no version: a reminder event of an older
 * version, late on the other topic, must still apply.
 */
export async function noteTaskChanged(
  tx: Tx,
  task: TaskDetails & { taskId: string; taskVersion: number },
): Promise<void> {
  // The version row first, like every other change to a task's reminders: partitions are consumed at once, and
  // the opposite order would deadlock with a ReminderScheduled of the same task on the other topic.
  await tx
    .update(reminderTasks)
    .set({ ended: false, updatedAt: new Date() })
    .where(and(eq(reminderTasks.taskId, task.taskId), lt(reminderTasks.taskVersion, task.taskVersion)));
  await tx
    .update(reminderSchedules)
    .set({ title: task.title, dueAt: task.dueAt, timeZone: task.timeZone, updatedAt: new Date() })
    .where(
      and(
        eq(reminderSchedules.taskId, task.taskId),
        eq(reminderSchedules.state, "pending"),
        lte(reminderSchedules.taskVersion, task.taskVersion),
      ),
    );
}

/**
 * snoozeReminder arms the task's snooze row to fire at `at` (once more, from scratch), at the task's current
 * version so that a later completion or deletion cancels it. A task whose reminders were never seen, or which is
 * done or deleted, has nothing to snooze: it answers false.
 */
export async function snoozeReminder(
  tx: Tx,
  command: Provenance & TaskDetails & { taskId: string; userId: string; at: Date },
): Promise<boolean> {
  const task = await readTask(tx, command.taskId);
  // The reminders' person snoozes: the assignee, else the owner.
  if (!task || task.ended || (task.assigneeId || task.userId) !== command.userId) return false;
  const id = snoozeRowId(command.taskId);
  const values = {
    userId: command.userId,
    dueAt: command.dueAt,
    title: command.title,
    timeZone: command.timeZone,
    taskVersion: task.taskVersion,
    correlationId: command.correlationId,
    causationId: command.causationId,
    updatedAt: new Date(),
    ...armed(command.at),
  };
  await tx
    .insert(reminderSchedules)
    .values({ id, taskId: command.taskId, kind: "snooze", ...values })
    .onConflictDoUpdate({ target: reminderSchedules.id, set: values });
  return true;
}

/** linkNotifications records, per schedule row, the in-app notification made for its delivery. */
export async function linkNotifications(tx: Tx, links: { id: string; notificationId: string }[]): Promise<void> {
  if (links.length === 0) return;
  const values = sql.join(
    links.map((link) => sql`(${link.id}, ${link.notificationId}::uuid)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${reminderSchedules} set notification_id = v.nid from (values ${values}) as v(id, nid) where ${reminderSchedules.id} = v.id`,
  );
}

/** markDelivered settles reminders as delivered and ends their leases. */
export async function markDelivered(tx: Tx, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(reminderSchedules)
    .set({ state: "delivered", deliveredAt: at, leaseId: null, leaseUntil: null, updatedAt: at })
    .where(inArray(reminderSchedules.id, ids));
}

/**
 * claimDue leases up to `limit` reminders due by `horizon` (and any whose lease expired) to one
 * claimer. SKIP LOCKED lets several replicas claim at once without taking the same row.
 */
export async function claimDue(
  db: Db,
  options: { horizon: Date; now: Date; leaseMs: number; limit: number; leaseId: string },
): Promise<ScheduleRow[]> {
  const t = reminderSchedules;
  const due = db
    .select({ id: t.id })
    .from(t)
    .where(
      or(
        and(eq(t.state, "pending"), lte(t.nextAttemptAt, options.horizon)),
        and(eq(t.state, "leased"), lt(t.leaseUntil, options.now)),
      ),
    )
    .orderBy(asc(t.nextAttemptAt))
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(t)
    .set({ state: "leased", leaseId: options.leaseId, leaseUntil: new Date(options.now.getTime() + options.leaseMs) })
    .where(inArray(t.id, due))
    .returning();
}

/** nextWakeAt is the earliest moment a row becomes claimable: a pending reminder's time or a lease's end. */
export async function nextWakeAt(db: Db): Promise<Date | undefined> {
  const t = reminderSchedules;
  const [pending] = await db
    .select({ at: min(t.nextAttemptAt) })
    .from(t)
    .where(eq(t.state, "pending"));
  const [leased] = await db
    .select({ at: min(t.leaseUntil) })
    .from(t)
    .where(eq(t.state, "leased"));
  const times = [pending?.at, leased?.at].filter((at): at is Date => at instanceof Date);
  return times.length === 0 ? undefined : new Date(Math.min(...times.map((at) => at.getTime())));
}
