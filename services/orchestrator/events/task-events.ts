import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  ReminderCancelledSchema,
  ReminderCancelReason,
  ReminderScheduledSchema,
} from "../../../gen/todo/events/v1/reminder_events_pb";
import { TaskAssignedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { TaskChangedSchema } from "../../../gen/todo/events/v1/task_updates_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import { taskLifecycleEvents } from "../../../vocabulary/lifecycle-events";
import { type EventMessage, newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutgoingEvent } from "../../platform/bus/outbox";
import { currentScope } from "../../platform/request-context";
import { type TaskRow, toTaskMessage } from "../db/task-row";
import { reminderChange, type TaskState } from "../domain/task-rules";

/** The kinds of change a task goes through. */
export type TaskChange = keyof typeof taskLifecycleEvents;

/** changeKind is a change's snapshot kind: the enum value of the same name (one the enum lacks does not compile). */
const changeKind = (change: TaskChange) => TaskChangeKind[change.toUpperCase() as Uppercase<TaskChange>];

const cancelReasons: Partial<Record<TaskChange, ReminderCancelReason>> = {
  completed: ReminderCancelReason.TASK_COMPLETED,
  deleted: ReminderCancelReason.TASK_DELETED,
};

/**
 * taskChangeEvents lists what one change publishes: the lifecycle event on task-events, a snapshot on
 * task-updates, and ReminderScheduled/ReminderCancelled on reminders when the effective reminder time
 * appeared, moved or went away. All keyed by task id so one task's events stay in order.
 */
export function taskChangeEvents(
  change: TaskChange,
  after: TaskRow,
  before: (TaskState & { assigneeId?: string | null }) | undefined,
  context: { correlationId: string; changedFields?: string[]; actorId?: string },
): OutgoingEvent[] {
  const task = toTaskMessage(after);
  const meta = () => newEventMeta({ userId: after.userId, correlationId: context.correlationId });
  const lifecycle: EventMessage =
    change === "updated"
      ? create(taskLifecycleEvents.updated, { meta: meta(), task, changedFields: context.changedFields ?? [] })
      : create(taskLifecycleEvents[change], { meta: meta(), task });
  const events: OutgoingEvent[] = [
    { topic: topics.taskEvents, key: after.id, event: lifecycle },
    {
      topic: topics.taskUpdates,
      key: after.id,
      event: create(TaskChangedSchema, { meta: meta(), kind: changeKind(change), task }),
    },
  ];
  // A change whose `before` does not carry the assignee (a status change of a tree) did not change it.
  const previousAssignee = before && "assigneeId" in before ? (before.assigneeId ?? null) : null;
  const assigneeKnown = before === undefined || "assigneeId" in before;
  if (assigneeKnown && (after.assigneeId ?? null) !== previousAssignee) {
    events.push({
      topic: topics.taskEvents,
      key: after.id,
      event: create(TaskAssignedSchema, {
        meta: meta(),
        task,
        previousAssigneeId: previousAssignee ?? "",
        actorId: context.actorId ?? currentScope()?.userId ?? "",
      }),
    });
  }
  const reminder = reminderChange(before, after);
  if (reminder.kind === "scheduled") {
    events.push({
      topic: topics.reminders,
      key: after.id,
      event: create(ReminderScheduledSchema, {
        meta: meta(),
        taskId: after.id,
        remindAt: timestampFromDate(reminder.times[0]!),
        remindAts: reminder.times.map((at) => timestampFromDate(at)),
        dueAt: after.dueAt ? timestampFromDate(after.dueAt) : undefined,
        title: after.title,
        timeZone: after.timeZone,
        taskVersion: BigInt(after.version),
      }),
    });
  } else if (reminder.kind === "cancelled") {
    events.push({
      topic: topics.reminders,
      key: after.id,
      event: create(ReminderCancelledSchema, {
        meta: meta(),
        taskId: after.id,
        reason: cancelReasons[change] ?? ReminderCancelReason.REMOVED,
        taskVersion: BigInt(after.version),
      }),
    });
  }
  return events;
}
