import { create, createRegistry, fromBinary, type Message, toBinary } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { file_todo_events_v1_audit_events } from "../../../gen/todo/events/v1/audit_events_pb";
import { file_todo_events_v1_comment_events } from "../../../gen/todo/events/v1/comment_events_pb";
import { type EventMeta, EventMetaSchema } from "../../../gen/todo/events/v1/envelope_pb";
import { file_todo_events_v1_filter_events } from "../../../gen/todo/events/v1/filter_events_pb";
import { file_todo_events_v1_project_events } from "../../../gen/todo/events/v1/project_events_pb";
import { file_todo_events_v1_reminder_events } from "../../../gen/todo/events/v1/reminder_events_pb";
import { file_todo_events_v1_share_events } from "../../../gen/todo/events/v1/share_events_pb";
import { file_todo_events_v1_task_events } from "../../../gen/todo/events/v1/task_events_pb";
import { file_todo_events_v1_task_updates } from "../../../gen/todo/events/v1/task_updates_pb";
import { file_todo_events_v1_token_events } from "../../../gen/todo/events/v1/token_events_pb";
import { type Actor, currentScope } from "../request-context";

/** The four integration topics; each has a `<topic>.dlq` twin. */
export const topics = {
  taskEvents: "task-events",
  taskUpdates: "task-updates",
  reminders: "reminders",
  auditEvents: "audit-events",
} as const;
export type Topic = (typeof topics)[keyof typeof topics];
export const allTopics: Topic[] = Object.values(topics);
export const dlqTopic = (topic: string) => `${topic}.dlq`;

/** Every event type of todo.events.v1, for decoding by CloudEvents type. */
export const eventRegistry = createRegistry(
  file_todo_events_v1_task_events,
  file_todo_events_v1_project_events,
  file_todo_events_v1_share_events,
  file_todo_events_v1_comment_events,
  file_todo_events_v1_filter_events,
  file_todo_events_v1_task_updates,
  file_todo_events_v1_reminder_events,
  file_todo_events_v1_audit_events,
  file_todo_events_v1_token_events,
);

/** An event is any todo.events.v1 message: all carry the envelope as `meta`. */
export type EventMessage = Message & { meta?: EventMeta };

/** BusMessage is one record on the bus: key, protobuf bytes and CloudEvents binary-mode headers. */
export interface BusMessage {
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
}

/** DecodedEvent is a bus message read back into its typed event. */
export interface DecodedEvent {
  type: string;
  /** topic the event was read from (empty when decoded outside a consumer). */
  topic: string;
  event: EventMessage;
  meta: EventMeta;
  key: string;
  headers: Record<string, string>;
}

/** PoisonMessageError marks a message that can never be handled; it goes to the DLQ without retries. */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PoisonMessageError";
  }
}

/**
 * actorFields are the envelope's provenance fields for an actor (none: the system acted). The person who acted
 * is the request's signed-in user (`actorUserId`), whoever owns the data the event is about (`userId`).
 */
const actorFields = (actor: Actor | undefined, actorUserId: string | undefined) =>
  actor
    ? {
        actorKind: actor.kind,
        actorTokenId: actor.tokenId ?? "",
        actorTokenName: actor.tokenName ?? "",
        actorClient: actor.client ?? "",
        actorUserId: actorUserId ?? "",
        actorDisplayName: actorUserId ? (actor.displayName ?? "") : "",
      }
    : {};

/** newEventMeta builds an envelope with a fresh UUIDv7 event id, carrying who acted (the request's actor). */
export function newEventMeta(init: {
  userId: string;
  correlationId: string;
  causationId?: string;
  at?: Date;
  /** actor: who acted; by default the running request's (see request-context's Actor). */
  actor?: Actor;
  /** actorUserId: the person who acted; by default the running request's signed-in user (with its actor). */
  actorUserId?: string;
}): EventMeta {
  const scope = currentScope();
  return create(EventMetaSchema, {
    eventId: randomUUIDv7(),
    occurredAt: timestampFromDate(init.at ?? new Date()),
    userId: init.userId,
    correlationId: init.correlationId,
    causationId: init.causationId ?? init.correlationId,
    ...actorFields(init.actor ?? scope?.actor, init.actorUserId ?? scope?.userId),
  });
}

const randomHex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");

/** encodeEvent serializes an event and adds CloudEvents binary-mode headers and a W3C traceparent. */
export function encodeEvent(event: EventMessage, key: string, source: string): BusMessage {
  const schema = eventRegistry.getMessage(event.$typeName);
  if (!schema) throw new Error(`unknown event type ${event.$typeName}`);
  const meta = event.meta;
  if (!meta?.eventId) throw new Error(`${event.$typeName} has no envelope`);
  return {
    key,
    value: toBinary(schema, event),
    headers: {
      ce_specversion: "1.0",
      ce_id: meta.eventId,
      ce_type: event.$typeName,
      ce_source: source,
      ce_time: (meta.occurredAt ? timestampDate(meta.occurredAt) : new Date()).toISOString(),
      ce_subject: key,
      ce_correlationid: meta.correlationId,
      "content-type": "application/protobuf",
      traceparent: `00-${meta.correlationId.replaceAll("-", "").padEnd(32, "0").slice(0, 32)}-${randomHex(8)}-01`,
    },
  };
}

/** decodeEvent reads a bus message back; anything undecodable is a PoisonMessageError. */
export function decodeEvent(message: BusMessage & { topic?: string }): DecodedEvent {
  const type = message.headers.ce_type;
  if (!type) throw new PoisonMessageError("missing ce_type header");
  const schema = eventRegistry.getMessage(type);
  if (!schema) throw new PoisonMessageError(`unknown event type ${type}`);
  let event: EventMessage;
  try {
    event = fromBinary(schema, message.value) as EventMessage;
  } catch (error) {
    throw new PoisonMessageError(`cannot decode ${type}`, { cause: error });
  }
  const meta = event.meta;
  if (!meta?.eventId) throw new PoisonMessageError(`${type} has no envelope`);
  return { type, topic: message.topic ?? "", event, meta, key: message.key, headers: message.headers };
}
