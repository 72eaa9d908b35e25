import { and, asc, eq, inArray, lt, lte, min, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/database";
import { planCancel, planSchedule, type ScheduleDecision } from "../domain/schedule";
import { reminderSchedules } from "./schema";

/** ScheduleRow is one stored schedule row. */
export type ScheduleRow = typeof reminderSchedules.$inferSelect;

/** Where a command came from, carried into the events its delivery publishes. */
export interface Provenance {
  correlationId: string;
  causationId: string;
}

/** ScheduleCommand asks for a task's reminder at remindAt, as of taskVersion. */
export interface ScheduleCommand extends Provenance {
  taskId: string;
  userId: string;
  remindAt: Date;
  dueAt: Date | null;
  title: string;
  timeZone: string;
  taskVersion: number;
}

/** CancelCommand says a task no longer has a reminder, as of taskVersion. */
export interface CancelCommand extends Provenance {
  taskId: string;
  userId: string;
  taskVersion: number;
}

/** lockSchedule reads a task's schedule row and holds its lock until the transaction ends. */
export async function lockSchedule(tx: Tx, taskId: string): Promise<ScheduleRow | undefined> {
  const [row] = await tx.select().from(reminderSchedules).where(eq(reminderSchedules.taskId, taskId)).for("update");
  return row;
}

/** lockSchedules locks several rows, in key order so that concurrent batches cannot deadlock. */
export async function lockSchedules(tx: Tx, taskIds: string[]): Promise<ScheduleRow[]> {
  if (taskIds.length === 0) return [];
  return tx
    .select()
    .from(reminderSchedules)
    .where(inArray(reminderSchedules.taskId, taskIds))
    .orderBy(asc(reminderSchedules.taskId))
    .for("update");
}

/** scheduleReminder applies a ReminderScheduled to the task's row; see planSchedule for the rules. */
export async function scheduleReminder(tx: Tx, command: ScheduleCommand): Promise<ScheduleDecision> {
  const existing = await lockSchedule(tx, command.taskId);
  const decision = planSchedule(existing, command);
  const details = {
    userId: command.userId,
    dueAt: command.dueAt,
    title: command.title,
    timeZone: command.timeZone,
    taskVersion: command.taskVersion,
    correlationId: command.correlationId,
    causationId: command.causationId,
    updatedAt: new Date(),
  };
  const armed = {
    ...details,
    remindAt: command.remindAt,
    state: "pending" as const,
    attempts: 0,
    nextAttemptAt: command.remindAt,
    leaseUntil: null,
    leaseId: null,
    notificationId: null,
    emailDone: false,
    lastError: null,
    deliveredAt: null,
  };
  switch (decision.kind) {
    case "insert":
      await tx.insert(reminderSchedules).values({ taskId: command.taskId, ...armed });
      break;
    case "replace":
      await tx.update(reminderSchedules).set(armed).where(eq(reminderSchedules.taskId, command.taskId));
      break;
    case "refresh":
      await tx.update(reminderSchedules).set(details).where(eq(reminderSchedules.taskId, command.taskId));
      break;
  }
  return decision;
}

/** cancelReminder applies a cancellation to the task's row; see planCancel for the rules. */
export async function cancelReminder(tx: Tx, command: CancelCommand): Promise<ScheduleDecision> {
  const existing = await lockSchedule(tx, command.taskId);
  const decision = planCancel(existing, command.taskVersion);
  const versioned = {
    taskVersion: command.taskVersion,
    correlationId: command.correlationId,
    causationId: command.causationId,
    updatedAt: new Date(),
  };
  switch (decision.kind) {
    case "insert":
      await tx
        .insert(reminderSchedules)
        .values({ taskId: command.taskId, userId: command.userId, state: "cancelled", ...versioned });
      break;
    case "cancel":
      await tx
        .update(reminderSchedules)
        .set({ ...versioned, state: "cancelled", leaseId: null, leaseUntil: null })
        .where(eq(reminderSchedules.taskId, command.taskId));
      break;
    case "refresh":
      await tx.update(reminderSchedules).set(versioned).where(eq(reminderSchedules.taskId, command.taskId));
      break;
  }
  return decision;
}

/**
 * refreshDetails takes a pending reminder's title, due time and zone from a newer version of its task:
 * the orchestrator re-publishes a schedule only when the reminder time changes, not on a rename.
 */
export async function refreshDetails(
  tx: Tx,
  task: { taskId: string; taskVersion: number; title: string; dueAt: Date | null; timeZone: string },
): Promise<void> {
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

/** linkNotifications records, per task, the in-app notification made for its reminder. */
export async function linkNotifications(tx: Tx, links: { taskId: string; notificationId: string }[]): Promise<void> {
  if (links.length === 0) return;
  const values = sql.join(
    links.map((link) => sql`(${link.taskId}, ${link.notificationId}::uuid)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${reminderSchedules} set notification_id = v.id from (values ${values}) as v(task_id, id) where ${reminderSchedules.taskId} = v.task_id`,
  );
}

/** markDelivered settles reminders as delivered and ends their leases. */
export async function markDelivered(tx: Tx, taskIds: string[], at: Date): Promise<void> {
  if (taskIds.length === 0) return;
  await tx
    .update(reminderSchedules)
    .set({ state: "delivered", deliveredAt: at, leaseId: null, leaseUntil: null, updatedAt: at })
    .where(inArray(reminderSchedules.taskId, taskIds));
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
    .select({ taskId: t.taskId })
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
    .where(inArray(t.taskId, due))
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
