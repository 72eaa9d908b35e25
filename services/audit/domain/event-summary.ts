import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { EventMessage } from "../../platform/bus/event-codec";
import type {
  RecurringTaskGenerated,
  ReminderDelivered,
  ReminderFailed,
  UserRegistered,
} from "../../../gen/todo/events/v1/audit_events_pb";
import type { ReminderCancelled, ReminderScheduled } from "../../../gen/todo/events/v1/reminder_events_pb";
import type { TaskCreated } from "../../../gen/todo/events/v1/task_events_pb";
import { ReminderCancelReason } from "../../../gen/todo/events/v1/reminder_events_pb";

/** eventPackage is the proto package every integration event lives in. */
export const eventPackage = "todo.events.v1";

/**
 * notAudited lists event types the audit log leaves out. TaskChanged is the live-view snapshot the
 * orchestrator writes next to every lifecycle event (same task, same state, same correlation id):
 * recording it too would tell every action twice.
 */
export const notAudited: ReadonlySet<string> = new Set([`${eventPackage}.TaskChanged`]);

/** EventFacts are what the log indexes and shows of an event besides its full payload. */
export interface EventFacts {
  taskId: string;
  summary: string;
}

const shortType = (type: string) => type.slice(type.lastIndexOf(".") + 1);
const iso = (at: Timestamp | undefined) => (at ? timestampDate(at).toISOString() : "unknown time");
const quoted = (title: string) => (title ? `"${title}"` : "(untitled)");

const cancelReasons: Record<ReminderCancelReason, string> = {
  [ReminderCancelReason.UNSPECIFIED]: "",
  [ReminderCancelReason.REMOVED]: " (removed)",
  [ReminderCancelReason.TASK_COMPLETED]: " (task completed)",
  [ReminderCancelReason.TASK_DELETED]: " (task deleted)",
};

const taskVerbs: Record<string, string> = {
  TaskCreated: "Task created",
  TaskUpdated: "Task updated",
  TaskCompleted: "Task completed",
  TaskReopened: "Task reopened",
  TaskDeleted: "Task deleted",
  TaskRestored: "Task restored",
};

/**
 * describeEvent finds the task an event is about and a one-line summary of it. Types it does not
 * know still get recorded, summarised by their name: the log never drops an event for want of words.
 */
export function describeEvent(event: EventMessage): EventFacts {
  const name = shortType(event.$typeName);
  const verb = taskVerbs[name];
  if (verb) {
    const task = (event as TaskCreated).task;
    return { taskId: task?.id ?? "", summary: `${verb}: ${quoted(task?.title ?? "")}` };
  }
  switch (name) {
    case "ReminderScheduled": {
      const e = event as ReminderScheduled;
      return { taskId: e.taskId, summary: `Reminder set for ${iso(e.remindAt)}: ${quoted(e.title)}` };
    }
    case "ReminderCancelled": {
      const e = event as ReminderCancelled;
      return { taskId: e.taskId, summary: `Reminder cancelled${cancelReasons[e.reason] ?? ""}` };
    }
    case "ReminderDelivered": {
      const e = event as ReminderDelivered;
      const channels = e.channels.length > 0 ? ` by ${e.channels.join(", ")}` : "";
      return { taskId: e.taskId, summary: `Reminder delivered${channels}: ${quoted(e.title)}` };
    }
    case "ReminderFailed": {
      const e = event as ReminderFailed;
      return { taskId: e.taskId, summary: `Reminder failed by ${e.channel || "unknown channel"} after ${e.attempts} attempts: ${quoted(e.title)}` };
    }
    case "RecurringTaskGenerated": {
      const e = event as RecurringTaskGenerated;
      return { taskId: e.completedTaskId, summary: `Next occurrence created, due ${iso(e.nextDueAt)}: ${quoted(e.title)}` };
    }
    case "UserRegistered":
      return { taskId: "", summary: `Account registered${(event as UserRegistered).email ? ` as ${(event as UserRegistered).email}` : ""}` };
    default:
      return { taskId: "", summary: name };
  }
}

/** qualifiedEventType accepts "TaskCompleted" or "todo.events.v1.TaskCompleted" and returns the latter. */
export function qualifiedEventType(type: string): string {
  return type.includes(".") ? type : `${eventPackage}.${type}`;
}
