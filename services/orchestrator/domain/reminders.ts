import { REMINDERS_PER_TASK_MAX } from "../../../vocabulary/reminders";
import type { Violations } from "./task-rules";

/** ReminderSpec is one stored reminder: an absolute instant (ISO 8601, as JSON keeps it) or an offset before due. */
export type ReminderSpec = { at: string } | { beforeSeconds: number };

/**
 * StoredReminders is how a task keeps its reminders: the first in remind_at / remind_before_seconds (the single
 * reminder every older reader knows), the 2nd to 5th in more_reminders.
 */
export interface StoredReminders {
  remindAt: Date | null;
  remindBeforeSeconds: number | null;
  moreReminders?: readonly ReminderSpec[];
}

/** firstReminder reads the old single-reminder columns as a spec. */
function firstReminder(task: StoredReminders): ReminderSpec | undefined {
  if (task.remindAt) return { at: task.remindAt.toISOString() };
  if (task.remindBeforeSeconds !== null) return { beforeSeconds: task.remindBeforeSeconds };
  return undefined;
}

/** remindersOf lists every reminder of a task, the first one first. */
export function remindersOf(task: StoredReminders): ReminderSpec[] {
  const first = firstReminder(task);
  return first ? [first, ...(task.moreReminders ?? [])] : [];
}

/** storeReminders splits a list into the stored columns (the inverse of remindersOf). */
export function storeReminders(list: readonly ReminderSpec[]): StoredReminders & { moreReminders: ReminderSpec[] } {
  const [first, ...more] = list;
  return {
    remindAt: first && "at" in first ? new Date(first.at) : null,
    remindBeforeSeconds: first && "beforeSeconds" in first ? first.beforeSeconds : null,
    moreReminders: more,
  };
}

/** resolveReminder is when one reminder fires: its instant, or due minus its offset (none without a due date). */
function resolveReminder(spec: ReminderSpec, dueAt: Date | null): Date | null {
  if ("at" in spec) return new Date(spec.at);
  return dueAt ? new Date(dueAt.getTime() - spec.beforeSeconds * 1000) : null;
}

/** reminderTimes are the distinct instants a task's reminders fire at, earliest first. */
export function reminderTimes(task: StoredReminders & { dueAt: Date | null }): Date[] {
  const times = new Map<number, Date>();
  for (const spec of remindersOf(task)) {
    const at = resolveReminder(spec, task.dueAt);
    if (at) times.set(at.getTime(), at);
  }
  return [...times.values()].sort((a, b) => a.getTime() - b.getTime());
}

const sameSpec = (a: ReminderSpec, b: ReminderSpec) =>
  "at" in a ? "at" in b && a.at === b.at : "beforeSeconds" in b && a.beforeSeconds === b.beforeSeconds;

/**
 * checkReminders applies the list rules: at most REMINDERS_PER_TASK_MAX, no two alike, and a reminder relative
 * to the due date needs one. Each problem names its index (`reminders[2].remind_before`); `given` says which field
 * the caller set, so a client of the single reminder reads `reminder.remind_before`.
 */
export function checkReminders(
  list: readonly ReminderSpec[],
  dueAt: Date | null,
  violations: Violations,
  given: "reminder" | "reminders",
): void {
  if (list.length > REMINDERS_PER_TASK_MAX)
    violations.add("reminders", `at most ${REMINDERS_PER_TASK_MAX} reminders, got ${list.length}`);
  list.forEach((spec, i) => {
    // A client that set the single `reminder` hears about it under that name.
    const at = i === 0 && given === "reminder" ? "reminder" : `reminders[${i}]`;
    if ("beforeSeconds" in spec && !dueAt) violations.add(`${at}.remind_before`, "needs a due date");
    if (list.slice(0, i).some((earlier) => sameSpec(earlier, spec))) violations.add(at, "repeats an earlier reminder");
  });
}
