import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { ReminderDeliveredSchema, ReminderFailedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutgoingEvent } from "../../platform/bus/outbox";

/** eventSource is the CloudEvents source of everything this service publishes. */
export const eventSource = "/taskmesh/notification";

/** The facts about a reminder its outcome events repeat. */
export interface ReminderFacts {
  taskId: string;
  userId: string;
  title: string;
  remindAt: Date;
  correlationId: string;
  causationId: string;
}

const metaFor = (facts: ReminderFacts) =>
  newEventMeta({
    userId: facts.userId,
    correlationId: facts.correlationId,
    causationId: facts.causationId || undefined,
  });

/** reminderDelivered reports the channels by which a reminder reached its user. */
export function reminderDelivered(
  facts: ReminderFacts,
  outcome: { notificationId: string; deliveredAt: Date; channels: string[] },
): OutgoingEvent {
  return {
    topic: topics.auditEvents,
    key: facts.taskId,
    event: create(ReminderDeliveredSchema, {
      meta: metaFor(facts),
      taskId: facts.taskId,
      notificationId: outcome.notificationId,
      remindAt: timestampFromDate(facts.remindAt),
      deliveredAt: timestampFromDate(outcome.deliveredAt),
      channels: outcome.channels,
      title: facts.title,
    }),
  };
}

/** reminderFailed reports a channel that still failed after every retry. */
export function reminderFailed(
  facts: ReminderFacts,
  outcome: { channel: string; error: string; attempts: number },
): OutgoingEvent {
  return {
    topic: topics.auditEvents,
    key: facts.taskId,
    event: create(ReminderFailedSchema, {
      meta: metaFor(facts),
      taskId: facts.taskId,
      remindAt: timestampFromDate(facts.remindAt),
      channel: outcome.channel,
      error: outcome.error.slice(0, 500),
      attempts: outcome.attempts,
      title: facts.title,
    }),
  };
}
