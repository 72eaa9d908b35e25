import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import {
  ReminderCancelledSchema,
  ReminderCancelReason,
  ReminderScheduledSchema,
} from "../../../gen/todo/events/v1/reminder_events_pb";
import { ProjectOwnershipTransferredSchema } from "../../../gen/todo/events/v1/share_events_pb";
import {
  TaskAssignedSchema,
  TaskCompletedSchema,
  TaskCreatedSchema,
  TaskDeletedSchema,
  TaskMovedSchema,
  TaskReopenedSchema,
  TaskRestoredSchema,
  TaskUpdatedSchema,
} from "../../../gen/todo/events/v1/task_events_pb";
import { type Task, TaskStatus } from "../../../gen/todo/v1/task_pb";
import { type DecodedEvent, PoisonMessageError } from "../../platform/bus/event-codec";
import { type EventHandler, narrowTo, on, type TypedEvent } from "../../platform/bus/typed-events";
import type { Tx } from "../../platform/db/database";
import {
  cancelReminders,
  noteHolders,
  noteTaskChanged,
  type Provenance,
  scheduleReminders,
  transferOwner,
} from "../db/schedule-store";

const provenance = (event: DecodedEvent): Provenance => ({
  correlationId: event.meta.correlationId || event.meta.eventId,
  causationId: event.meta.eventId,
});

/**
 * ownerOf is the event's word on the task's owner: meta.user_id, stated when the event happened (an event
 * without a time states it as of the epoch: it names an owner only where none was stated).
 */
const ownerOf = (event: DecodedEvent) => ({
  userId: event.meta.userId,
  statedAt: event.meta.occurredAt ? timestampDate(event.meta.occurredAt) : new Date(0),
});

/**
 * holdersOf is what a task event says about who the task's reminders go to. A task with reminders or an assignee
 * is tracked even before its ReminderScheduled arrives (the two topics are not ordered), so that reminder is
 * armed for the assignee and a later transfer finds its project.
 */
const holdersOf = (event: DecodedEvent, task: Task) => ({
  ...ownerOf(event),
  taskId: task.id,
  taskVersion: Number(task.version),
  assigneeId: task.assigneeId,
  projectId: task.projectId,
  track: task.assigneeId !== "" || task.reminders.length > 0 || task.reminder !== undefined,
});

const optionalDate = (at: Timestamp | undefined) => (at ? timestampDate(at) : null);

/** timesOf reads every reminder time of a ReminderScheduled (older producers send only remind_at). */
const timesOf = (scheduled: { remindAt?: Timestamp; remindAts: Timestamp[] }): Date[] =>
  scheduled.remindAts.length > 0
    ? scheduled.remindAts.map((at) => timestampDate(at))
    : scheduled.remindAt
      ? [timestampDate(scheduled.remindAt)]
      : [];

/** armedTime is the earliest reminder time an event may have armed: the scheduler re-arms its timer for it after commit. */
export function armedTime(event: DecodedEvent): Date | undefined {
  const scheduled = narrowTo(event, ReminderScheduledSchema)?.event;
  const times = scheduled ? timesOf(scheduled) : [];
  return times.length > 0 ? new Date(Math.min(...times.map((at) => at.getTime()))) : undefined;
}

/**
 * reminderHandlers turn `reminders` and `task-events` into schedule changes. `reminders` drives the
 * schedule; task events are the safety net that cancels a reminder once the task is done or deleted,
 * whatever the reminder topic says, and keep a pending reminder's title and due time current.
 */
const taskEnded = [TaskCompletedSchema, TaskDeletedSchema];
const taskChanged = [TaskUpdatedSchema, TaskReopenedSchema, TaskRestoredSchema];
const taskHeld = [TaskCreatedSchema, TaskAssignedSchema, TaskMovedSchema];

export function reminderHandlers(): EventHandler[] {
  const cancelForTask = async (
    event: TypedEvent<(typeof taskEnded)[number] | (typeof taskChanged)[number]>,
    tx: Tx,
  ) => {
    const task = event.event.task;
    if (!task?.id) throw new PoisonMessageError(`${event.type} without a task`);
    await cancelReminders(tx, {
      taskId: task.id,
      ...ownerOf(event),
      taskVersion: Number(task.version),
      ended: true,
      ...provenance(event),
    });
  };
  const followTask = async (event: TypedEvent<(typeof taskChanged)[number]>, tx: Tx) => {
    const task = event.event.task;
    if (!task?.id) return;
    if (task.deleted || task.status === TaskStatus.COMPLETED) return cancelForTask(event, tx);
    await noteTaskChanged(tx, {
      taskId: task.id,
      taskVersion: Number(task.version),
      title: task.title,
      dueAt: optionalDate(task.dueAt),
      timeZone: task.timeZone || "UTC",
    });
    if (event.meta.userId) await noteHolders(tx, holdersOf(event, task));
  };
  // TaskCreated, TaskAssigned and TaskMoved carry the task too: who holds it and where it is.
  const noteTask = async (event: TypedEvent<(typeof taskHeld)[number]>, tx: Tx) => {
    const task = event.event.task;
    if (!task?.id || !event.meta.userId || task.deleted || task.status === TaskStatus.COMPLETED) return;
    await noteHolders(tx, holdersOf(event, task));
  };
  return [
    on(ReminderScheduledSchema, async (event, tx) => {
      const scheduled = event.event;
      const times = timesOf(scheduled);
      if (!scheduled.taskId || times.length === 0 || !event.meta.userId) {
        throw new PoisonMessageError("ReminderScheduled without task_id, remind_at or user_id");
      }
      await scheduleReminders(tx, {
        taskId: scheduled.taskId,
        ...ownerOf(event),
        times,
        dueAt: optionalDate(scheduled.dueAt),
        title: scheduled.title,
        timeZone: scheduled.timeZone || "UTC",
        taskVersion: Number(scheduled.taskVersion),
        ...provenance(event),
      });
    }),
    on(ReminderCancelledSchema, async (event, tx) => {
      const cancelled = event.event;
      if (!cancelled.taskId) throw new PoisonMessageError("ReminderCancelled without task_id");
      await cancelReminders(tx, {
        taskId: cancelled.taskId,
        ...ownerOf(event),
        taskVersion: Number(cancelled.taskVersion),
        ended:
          cancelled.reason === ReminderCancelReason.TASK_COMPLETED ||
          cancelled.reason === ReminderCancelReason.TASK_DELETED,
        ...provenance(event),
      });
    }),
    on(taskEnded, cancelForTask),
    on(taskChanged, followTask),
    on(taskHeld, noteTask),
    on(ProjectOwnershipTransferredSchema, async (event, tx) => {
      const transfer = event.event;
      if (!transfer.fromUserId || !transfer.toUserId) return;
      await transferOwner(tx, {
        from: transfer.fromUserId,
        to: transfer.toUserId,
        // An event from before project_ids existed names the top-level project alone.
        projectIds: transfer.projectIds.length > 0 ? transfer.projectIds : [transfer.projectId],
        at: ownerOf(event).statedAt,
      });
    }),
  ];
}
