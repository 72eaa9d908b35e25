/** ScheduleKind says whether a row is one of the task's reminders or the snooze of a delivered one. */
export type ScheduleKind = "reminder" | "snooze";

/** reminderRowId names the schedule row of one reminder time of a task: the time is its identity. */
export const reminderRowId = (taskId: string, at: Date) => `${taskId}@${at.toISOString()}`;

/** snoozeRowId names a task's one snooze row. */
export const snoozeRowId = (taskId: string) => `${taskId}@snooze`;

/** ScheduleState is where one task's reminder is in its life. */
export type ScheduleState = "pending" | "leased" | "delivered" | "failed" | "cancelled";

/** ScheduleSnapshot is what the decisions below need to know about a stored schedule row. */
export interface ScheduleSnapshot {
  state: ScheduleState;
  remindAt: Date | null;
  taskVersion: number;
}

/** What to do with a stored row when a schedule or a cancellation arrives. */
export type ScheduleDecision =
  | { kind: "insert" }
  /** replace arms the new reminder from scratch (fresh attempts, channels not yet done). */
  | { kind: "replace" }
  /** refresh takes the newer version and details but keeps the delivery state. */
  | { kind: "refresh" }
  | { kind: "cancel" }
  | { kind: "ignore"; reason: string };

/** sameInstant compares two optional instants at millisecond precision. */
function sameInstant(a: Date | null | undefined, b: Date | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.getTime() === b.getTime();
}

/**
 * planSchedule decides how a ReminderScheduled applies. Events of one task can arrive out of order
 * (two topics, redeliveries), so the task version decides: an older version never wins, a version
 * already cancelled stays cancelled, and a reminder already handled is not armed again just because
 * a newer version repeats the same time.
 */
export function planSchedule(
  existing: ScheduleSnapshot | undefined,
  incoming: { remindAt: Date; taskVersion: number },
): ScheduleDecision {
  if (!existing) return { kind: "insert" };
  if (incoming.taskVersion < existing.taskVersion) return { kind: "ignore", reason: "stale version" };
  const newer = incoming.taskVersion > existing.taskVersion;
  if (existing.state === "cancelled")
    return newer ? { kind: "replace" } : { kind: "ignore", reason: "cancelled at this version" };
  if (sameInstant(existing.remindAt, incoming.remindAt))
    return newer ? { kind: "refresh" } : { kind: "ignore", reason: "duplicate" };
  return { kind: "replace" };
}

/**
 * planCancel decides how a cancellation (reminder removed, task completed or deleted) applies. A
 * cancellation for a task never seen leaves a tombstone so a late, older schedule stays ignored; a
 * reminder already delivered or failed keeps that outcome.
 */
export function planCancel(existing: ScheduleSnapshot | undefined, taskVersion: number): ScheduleDecision {
  if (!existing) return { kind: "insert" };
  if (taskVersion < existing.taskVersion) return { kind: "ignore", reason: "stale version" };
  if (existing.state === "pending" || existing.state === "leased") return { kind: "cancel" };
  return taskVersion > existing.taskVersion ? { kind: "refresh" } : { kind: "ignore", reason: "already settled" };
}

/** Claim is what a scheduler replica took when it leased a row. */
export interface Claim {
  leaseId: string;
  remindAt: Date;
  taskVersion: number;
}

/**
 * isCurrent says whether a claimed reminder may still be sent: the row is still leased by this claim,
 * and neither its time nor the task version moved since. A cancelled or superseded reminder is not.
 */
export function isCurrent(row: ScheduleSnapshot & { leaseId: string | null }, claim: Claim): boolean {
  return (
    row.state === "leased" &&
    row.leaseId === claim.leaseId &&
    sameInstant(row.remindAt, claim.remindAt) &&
    row.taskVersion === claim.taskVersion
  );
}
