import { create } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Reminder, ReminderSchema, type Task, TaskSchema } from "../../../gen/todo/v1/task_pb";
import { type ReminderSpec, remindersOf } from "../domain/reminders";
import { effectiveRemindAt } from "../domain/task-rules";
import type { tasks } from "./schema";

export type TaskRow = Omit<typeof tasks.$inferSelect, "search">;

const ts = (date: Date | null) => (date ? timestampFromDate(date) : undefined);

const toReminder = (spec: ReminderSpec): Reminder =>
  create(ReminderSchema, {
    when:
      "at" in spec
        ? { case: "remindAt", value: timestampFromDate(new Date(spec.at)) }
        : { case: "remindBefore", value: durationFromMs(spec.beforeSeconds * 1000) },
  });

/** toTaskMessage maps a stored task to the public Task message. */
export function toTaskMessage(row: TaskRow): Task {
  const remind = effectiveRemindAt(row);
  const reminders = remindersOf(row).map(toReminder);
  return create(TaskSchema, {
    id: row.id,
    title: row.title,
    description: row.description,
    priority: row.priority,
    tags: row.tags,
    dueAt: ts(row.dueAt),
    dueDateOnly: row.dueDateOnly,
    timeZone: row.timeZone,
    reminder: reminders[0],
    reminders,
    recurrence: row.rrule
      ? {
          rrule: row.rrule,
          repeatFrom: row.repeatFrom ?? 1,
          seriesId: row.seriesId ?? "",
          occurrence: row.occurrence ?? 1,
        }
      : undefined,
    status: row.status,
    createdAt: ts(row.createdAt),
    updatedAt: ts(row.updatedAt),
    completedAt: ts(row.completedAt),
    deleted: row.deletedAt !== null,
    deletedAt: ts(row.deletedAt),
    version: BigInt(row.version),
    effectiveRemindAt: ts(remind),
    projectId: row.projectId,
    sectionId: row.sectionId ?? "",
    parentId: row.parentId ?? "",
    rank: row.rank,
    assigneeId: row.assigneeId ?? "",
  });
}
