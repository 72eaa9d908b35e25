import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { Task } from "../../../gen/todo/v1/task_pb";
import { RepeatFrom } from "../../../gen/todo/v1/task_pb";
import type { CreateTaskRequestSchema, ReminderInputSchema } from "../../../gen/todo/v1/task_service_pb";
import type { CompletedTask, NextInstance, ReminderSetting } from "../domain/series";

/** requestIdFor names the CreateTask of a completion: the same completion event always asks for the same task. */
export const requestIdFor = (completionEventId: string) => `recurring:${completionEventId}`;

function reminderOf(task: Task): ReminderSetting | null {
  return settingOf(task.reminder);
}

function settingOf(reminder: Task["reminder"]): ReminderSetting | null {
  const when = reminder?.when;
  switch (when?.case) {
    case "remindAt":
      return { kind: "at", at: timestampDate(when.value) };
    case "remindBefore":
      return { kind: "before", seconds: Number(when.value.seconds) };
    default:
      return null;
  }
}

/**
 * completedTaskOf reads a TaskCompleted's task into the series model, or null when it does not
 * recur. `completedAt` falls back to when the event happened, for a task that lacks it.
 */
export function completedTaskOf(task: Task, eventTime: Date): CompletedTask | null {
  const recurrence = task.recurrence;
  if (!recurrence?.rrule) return null;
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: [...task.tags],
    dueAt: task.dueAt ? timestampDate(task.dueAt) : null,
    dueDateOnly: task.dueDateOnly,
    timeZone: task.timeZone || "UTC",
    reminder: reminderOf(task),
    ...(task.reminders.length > 1
      ? {
          moreReminders: task.reminders.slice(1).flatMap((r) => {
            const setting = settingOf(r);
            return setting ? [setting] : [];
          }),
        }
      : {}),
    rrule: recurrence.rrule,
    repeatFrom: recurrence.repeatFrom === RepeatFrom.COMPLETION ? "completion" : "due",
    seriesId: recurrence.seriesId,
    occurrence: recurrence.occurrence,
    completedAt: task.completedAt ? timestampDate(task.completedAt) : eventTime,
    place: {
      projectId: task.projectId,
      sectionId: task.sectionId,
      parentId: task.parentId,
      subtasksOf: task.id,
      assigneeId: task.assigneeId,
    },
  };
}

function reminderInput(reminder: ReminderSetting | null): MessageInitShape<typeof ReminderInputSchema> | undefined {
  if (!reminder) return undefined;
  return reminder.kind === "before"
    ? { when: { case: "remindBefore", value: { seconds: BigInt(reminder.seconds) } } }
    : { when: { case: "remindAt", value: timestampFromDate(reminder.at) } };
}

/** createTaskRequestOf asks TaskService for the next instance, idempotently per completion event. */
export function createTaskRequestOf(
  next: NextInstance,
  completionEventId: string,
): MessageInitShape<typeof CreateTaskRequestSchema> {
  return {
    title: next.title,
    description: next.description,
    priority: next.priority,
    tags: next.tags,
    dueAt: timestampFromDate(next.dueAt),
    dueDateOnly: next.dueDateOnly,
    timeZone: next.timeZone,
    // Several reminders go as the list (reminders[0] is the first); one alone as `reminder`, as before.
    ...(next.moreReminders?.length
      ? {
          reminders: [next.reminder, ...next.moreReminders].flatMap((r) => {
            const input = reminderInput(r);
            return input ? [input] : [];
          }),
        }
      : { reminder: reminderInput(next.reminder) }),
    recurrence: {
      rrule: next.rrule,
      repeatFrom: next.repeatFrom === "completion" ? RepeatFrom.COMPLETION : RepeatFrom.DUE,
      seriesId: next.seriesId,
      occurrence: next.occurrence,
    },
    requestId: requestIdFor(completionEventId),
    // Same project, section and parent; the checklist comes along, open (CreateTask copies it once per request).
    projectId: next.place?.projectId ?? "",
    sectionId: next.place?.sectionId ?? "",
    parentId: next.place?.parentId ?? "",
    subtasksFromId: next.place?.subtasksOf ?? "",
    // The assignee keeps the series (the orchestrator drops one who has since lost access to the project).
    assigneeId: next.place?.assigneeId ?? "",
  };
}
