import { type DescMessage, toJsonString } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { EventMetaSchema } from "../../../gen/todo/events/v1/envelope_pb";
import type { EventBus } from "../../platform/bus/event-bus";
import { allTopics, type DecodedEvent, eventRegistry, PoisonMessageError } from "../../platform/bus/event-codec";
import { idempotentHandler, on } from "../../platform/bus/idempotent-consumer";
import type { Db, Tx } from "../../platform/db/database";
import { appendAuditEntry } from "../db/audit-store";
import { followProjectTree } from "../db/project-tree";
import { processedEvents } from "../db/schema";
import { describeEvent, notAudited } from "../domain/event-summary";
import { recordActorUserId, recordProjectId } from "../domain/record-scope";
import { accountErasureHandlers } from "./account-erasure";

/** AuditConsumer names the consumer group and where a new group starts reading. */
export interface AuditConsumer {
  groupId: string;
  fromBeginning: boolean;
}

/** auditedEventSchemas are every event message of todo.events.v1 that carries an envelope, less notAudited. */
function auditedEventSchemas(): DescMessage[] {
  const schemas: DescMessage[] = [];
  for (const desc of eventRegistry) {
    if (desc.kind !== "message" || notAudited.has(desc.typeName)) continue;
    if (
      desc.fields.some((field) => field.localName === "meta" && field.message?.typeName === EventMetaSchema.typeName)
    ) {
      schemas.push(desc);
    }
  }
  return schemas.sort((a, b) => (a.typeName < b.typeName ? -1 : a.typeName > b.typeName ? 1 : 0));
}

/** auditedEventTypes are the type names of auditedEventSchemas, sorted. */
export const auditedEventTypes = (): string[] => auditedEventSchemas().map((schema) => schema.typeName);

/**
 * recordEvent appends one decoded event to its user's chain (a shared project's: its owner's), under the topic
 * it was read from, with the project it is about and who acted, and keeps the project tree and memberships.
 */
async function recordEvent(tx: Tx, decoded: DecodedEvent, now = new Date()): Promise<void> {
  const { meta, event, type, topic } = decoded;
  if (!meta.userId) {
    throw new PoisonMessageError(`${type} ${meta.eventId} has no user id: it belongs to no user's audit chain`);
  }
  // decodeEvent already refused a type the registry does not know.
  const schema = eventRegistry.getMessage(type)!;
  const facts = describeEvent(event);
  await appendAuditEntry(
    tx,
    {
      userId: meta.userId,
      eventId: meta.eventId,
      eventType: type,
      topic,
      taskId: facts.taskId,
      occurredAt: meta.occurredAt ? timestampDate(meta.occurredAt) : now,
      summary: facts.summary,
      payloadJson: toJsonString(schema, event, { registry: eventRegistry }),
      projectId: recordProjectId(event),
      actorUserId: recordActorUserId(event, meta),
    },
    now,
  );
  await followProjectTree(tx, decoded, now);
}

/**
 * subscribeAuditLog records every audited event of all four topics once. Partitions are handled
 * concurrently: each user's chain is appended under that user's lock, so order within a chain holds.
 */
export async function subscribeAuditLog(bus: EventBus, db: Db, consumer: AuditConsumer): Promise<void> {
  await bus.subscribe({
    groupId: consumer.groupId,
    topics: [...allTopics],
    fromBeginning: consumer.fromBeginning,
    concurrency: 4,
    handle: idempotentHandler({
      db,
      table: processedEvents,
      consumer: consumer.groupId,
      handlers: [on(auditedEventSchemas(), (decoded, tx) => recordEvent(tx, decoded)), ...accountErasureHandlers()],
    }),
  });
}
