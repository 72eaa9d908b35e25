import type { FieldViolation } from "../../platform/errors";
import { InvalidArgumentError, VersionConflictError } from "../../platform/errors";
import { type ReminderSpec, reminderTimes } from "./reminders";

/** Status as stored (numbers match the proto enums); priorities are vocabulary/priority's. */
export const TaskStatusValue = { open: 1, completed: 2 } as const;
export const RepeatFromValue = { due: 1, completion: 2 } as const;

/** TaskState is the part of a task the rules look at. */
export interface TaskState {
  status: number;
  dueAt: Date | null;
  remindAt: Date | null;
  remindBeforeSeconds: number | null;
  moreReminders?: readonly ReminderSpec[];
  deletedAt: Date | null;
  version: number;
}

/** effectiveRemindAt is when the first reminder fires: absolute, or due minus offset; none once done or deleted. */
export function effectiveRemindAt(task: TaskState): Date | null {
  if (task.status !== TaskStatusValue.open || task.deletedAt) return null;
  if (task.remindAt) return task.remindAt;
  if (task.dueAt && task.remindBeforeSeconds !== null)
    return new Date(task.dueAt.getTime() - task.remindBeforeSeconds * 1000);
  return null;
}

/** pendingReminderTimes are the instants all of a task's reminders fire at, earliest first; none once done or deleted. */
function pendingReminderTimes(task: TaskState): Date[] {
  return task.status !== TaskStatusValue.open || task.deletedAt ? [] : reminderTimes(task);
}

/** ReminderChange is what the reminders topic must hear after a change: every time now due, or none left. */
export type ReminderChange = { kind: "scheduled"; times: Date[] } | { kind: "cancelled" } | { kind: "none" };

/** reminderChange compares the set of reminder times before and after a change. */
export function reminderChange(before: TaskState | undefined, after: TaskState): ReminderChange {
  const previous = before ? pendingReminderTimes(before) : [];
  const next = pendingReminderTimes(after);
  const key = (times: Date[]) => times.map((at) => at.getTime()).join(",");
  if (next.length > 0 && key(previous) !== key(next)) return { kind: "scheduled", times: next };
  if (next.length === 0 && previous.length > 0) return { kind: "cancelled" };
  return { kind: "none" };
}

/** checkVersion enforces optimistic concurrency when the caller names a version (0 = don't check). */
export function checkVersion(task: TaskState, expected: bigint | number): void {
  const want = Number(expected);
  if (want !== 0 && want !== task.version) {
    throw new VersionConflictError(`task changed: version is ${task.version}, request expected ${want}`);
  }
}

/** Violations collects field problems and throws them together. */
export class Violations {
  private readonly list: FieldViolation[] = [];
  add(field: string, description: string): this {
    this.list.push({ field, description });
    return this;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidArgumentError(this.list);
  }
}

/** normalizeTags trims, drops a leading # or @, and removes case-insensitive duplicates. */
export function normalizeTags(tags: readonly string[], violations: Violations, field = "tags"): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  tags.forEach((raw, i) => {
    const tag = raw.trim().replace(/^[#@]/, "");
    if (!tag) violations.add(`${field}[${i}]`, "must not be blank");
    else if (!seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  });
  return out;
}

/** The fields UpdateTask's mask may name. */
export const updatableFields = new Set([
  "title",
  "description",
  "priority",
  "tags",
  "due_at",
  "due_date_only",
  "time_zone",
  "reminder",
  "reminders",
  "recurrence",
  "assignee_id",
]);
