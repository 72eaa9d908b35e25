import { isMessage } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import {
  RecurringTaskGeneratedSchema,
  ReminderDeliveredSchema,
  ReminderFailedSchema,
  UserRegisteredSchema,
} from "../../../gen/todo/events/v1/audit_events_pb";
import {
  ReminderCancelledSchema,
  ReminderCancelReason,
  ReminderScheduledSchema,
} from "../../../gen/todo/events/v1/reminder_events_pb";
import { TaskAssignedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import {
  PersonalAccessTokenCreatedSchema,
  PersonalAccessTokenRevokedSchema,
} from "../../../gen/todo/events/v1/token_events_pb";
import { taskLifecycleEvents } from "../../../vocabulary/lifecycle-events";
import type { EventMessage } from "../../platform/bus/event-codec";
import { actorSuffix } from "./actor";
import { describeCommentEvent } from "./comment-summary";
import { describeOrganiseEvent, organiseSnapshots } from "./organise-summary";
import { describeShareEvent } from "./share-summary";

/** eventPackage is the proto package every integration event lives in. */
const eventPackage = "todo.events.v1";

/**
 * notAudited lists event types the audit log leaves out. TaskChanged is the live-view snapshot the
 * orchestrator writes next to every lifecycle event (same task, same state, same correlation id):
 * recording it too would tell every action twice. AccountDeleted erases the account's chain instead
 * (events/account-erasure.ts).
 */
export const notAudited: ReadonlySet<string> = new Set([
  `${eventPackage}.TaskChanged`,
  `${eventPackage}.AccountDeleted`,
  `${eventPackage}.CommentChanged`,
  ...organiseSnapshots,
]);

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

/**
 * describeEvent finds the task an event is about and a one-line summary of it. Types it does not
 * know still get recorded, summarised by their name: the log never drops an event for want of words.
 */
export function describeEvent(event: EventMessage): EventFacts {
  const facts = describeWhat(event);
  return event.meta ? { ...facts, summary: facts.summary + actorSuffix(event.meta) } : facts;
}

function describeWhat(event: EventMessage): EventFacts {
  // "Task created", "Task completed", …: the change's kind names it.
  for (const [kind, schema] of Object.entries(taskLifecycleEvents)) {
    if (!isMessage(event, schema)) continue;
    return { taskId: event.task?.id ?? "", summary: `Task ${kind}: ${quoted(event.task?.title ?? "")}` };
  }
  const e = event;
  if (isMessage(e, TaskAssignedSchema)) {
    const title = quoted(e.task?.title ?? "");
    const to = e.task?.assigneeId;
    return { taskId: e.task?.id ?? "", summary: to ? `Task assigned to ${to}: ${title}` : `Task unassigned: ${title}` };
  }
  if (isMessage(e, ReminderScheduledSchema)) {
    return { taskId: e.taskId, summary: `Reminder set for ${iso(e.remindAt)}: ${quoted(e.title)}` };
  }
  if (isMessage(e, ReminderCancelledSchema)) {
    return { taskId: e.taskId, summary: `Reminder cancelled${cancelReasons[e.reason] ?? ""}` };
  }
  if (isMessage(e, ReminderDeliveredSchema)) {
    const channels = e.channels.length > 0 ? ` by ${e.channels.join(", ")}` : "";
    return { taskId: e.taskId, summary: `Reminder delivered${channels}: ${quoted(e.title)}` };
  }
  if (isMessage(e, ReminderFailedSchema)) {
    return {
      taskId: e.taskId,
      summary: `Reminder failed by ${e.channel || "unknown channel"} after ${e.attempts} attempts: ${quoted(e.title)}`,
    };
  }
  if (isMessage(e, RecurringTaskGeneratedSchema)) {
    return {
      taskId: e.completedTaskId,
      summary: `Next occurrence created, due ${iso(e.nextDueAt)}: ${quoted(e.title)}`,
    };
  }
  const organised = describeOrganiseEvent(e) ?? describeShareEvent(e) ?? describeCommentEvent(e);
  if (organised) return organised;
  if (isMessage(e, PersonalAccessTokenCreatedSchema))
    return { taskId: "", summary: `Access token created: ${quoted(e.name)} (${e.scopes.join(", ")})` };
  if (isMessage(e, PersonalAccessTokenRevokedSchema))
    return { taskId: "", summary: `Access token revoked: ${quoted(e.name)}` };
  if (isMessage(e, UserRegisteredSchema))
    return { taskId: "", summary: `Account registered${e.email ? ` as ${e.email}` : ""}` };
  return { taskId: "", summary: shortType(event.$typeName) };
}

/** qualifiedEventType accepts "TaskCompleted" or "todo.events.v1.TaskCompleted" and returns the latter. */
export function qualifiedEventType(type: string): string {
  return type.includes(".") ? type : `${eventPackage}.${type}`;
}
