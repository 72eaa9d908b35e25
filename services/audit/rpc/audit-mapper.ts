import { create } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type AuditEvent, AuditEventSchema, type ListAuditEventsRequest } from "../../../gen/todo/v1/audit_service_pb";
import type { AuditRecord } from "../db/audit-store";
import { actorOf } from "../domain/actor";
import type { AuditFilter } from "../domain/list-query";

const optionalDate = (at: Timestamp | undefined) => (at ? timestampDate(at) : undefined);

/** toAuditFilter reads the filter fields of a ListAuditEvents request. */
export function toAuditFilter(request: ListAuditEventsRequest): AuditFilter {
  return {
    taskId: request.taskId || undefined,
    eventTypes: request.eventTypes,
    occurredAfter: optionalDate(request.occurredAfter),
    occurredBefore: optionalDate(request.occurredBefore),
    actorKinds: request.actorKinds,
    projectId: request.projectId || undefined,
    actorUserId: request.actorUserId || undefined,
    includeShared: request.includeShared,
  };
}

/**
 * toAuditEvent maps a stored record to the contract's AuditEvent; `topLevel` maps the record's project to its
 * top-level project (the project tree as the audit service knows it now).
 */
export function toAuditEvent(record: AuditRecord, topLevel: ReadonlyMap<string, string> = new Map()): AuditEvent {
  const actor = actorOf(record.payloadJson);
  return create(AuditEventSchema, {
    id: record.id,
    sequence: BigInt(record.sequence),
    eventId: record.eventId,
    eventType: record.eventType,
    topic: record.topic,
    taskId: record.taskId,
    occurredAt: timestampFromDate(record.occurredAt),
    recordedAt: timestampFromDate(record.recordedAt),
    summary: record.summary,
    payloadJson: record.payloadJson,
    hash: record.hash,
    previousHash: record.previousHash,
    actorKind: actor.kind,
    actorTokenId: actor.tokenId,
    actorTokenName: actor.tokenName,
    actorClient: actor.client,
    actorUserId: record.actorUserId || actor.userId,
    actorDisplayName: actor.displayName,
    projectId: record.projectId ? (topLevel.get(record.projectId) ?? record.projectId) : "",
    chainUserId: record.userId,
  });
}
