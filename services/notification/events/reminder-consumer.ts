import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import {
  ReminderCancelledSchema,
  ReminderCancelReason,
  ReminderScheduledSchema,
} from "../../../gen/todo/events/v1/reminder_events_pb";
import {
  TaskCompletedSchema,
  TaskDeletedSchema,
  TaskReopenedSchema,
  TaskRestoredSchema,
  TaskUpdatedSchema,
} from "../../../gen/todo/events/v1/task_events_pb";
import { TaskStatus } from "../../../gen/todo/v1/task_pb";
import { type DecodedEvent, PoisonMessageError } from "../../platform/bus/event-codec";
import { type EventHandler, narrowTo, on, type TypedEvent } from "../../platform/bus/typed-events";
import type { Tx } from "../../platform/db/database";
import { cancelReminders, noteTaskChanged, type Provenance, scheduleReminders } from "../db/schedule-store";

const provenance = (event: DecodedEvent): Provenance => ({
  correlationId: event.meta.correlationId || event.meta.eventId,
  causationId: event.meta.eventId,
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

export function reminderHandlers(): EventHandler[] {
  const cancelForTask = async (
    event: TypedEvent<(typeof taskEnded)[number] | (typeof taskChanged)[number]>,
    tx: Tx,
  ) => {
    const task = event.event.task;
    if (!task?.id) throw new PoisonMessageError(`${event.type} without a task`);
    await cancelReminders(tx, {
      taskId: task.id,
      userId: event.meta.userId,
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
        userId: event.meta.userId,
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
        userId: event.meta.userId,
        taskVersion: Number(cancelled.taskVersion),
        ended:
          cancelled.reason === ReminderCancelReason.TASK_COMPLETED ||
          cancelled.reason === ReminderCancelReason.TASK_DELETED,
        ...provenance(event),
      });
    }),
    on(taskEnded, cancelForTask),
    on(taskChanged, followTask),
  ];
}
