import { z } from "zod";
import type { ActorKind } from "../../../gen/todo/v1/actor_pb";
import { InvalidArgumentError } from "../../platform/errors";
import { pageTokens } from "../../platform/page-token";
import { qualifiedEventType } from "./event-summary";

/** defaultPageSize applies when a request leaves page_size at 0. */
export const defaultPageSize = 50;

/** AuditFilter narrows a user's records; every field is optional. */
export interface AuditFilter {
  taskId?: string;
  eventTypes: string[];
  occurredAfter?: Date;
  occurredBefore?: Date;
  /** actorKinds keeps records made through these doors only (their envelope's actor_kind); none: all. */
  actorKinds?: ActorKind[];
}

/** AuditQuery is one page request: the filter, the page size and where the previous page ended. */
export interface AuditQuery {
  filter: AuditFilter;
  pageSize: number;
  /** beforeSequence: only records older (lower sequence) than this; undefined for the first page. */
  beforeSequence?: number;
}

/** normalizeFilter qualifies short event type names, drops duplicates and sorts them. */
export function normalizeFilter(filter: AuditFilter): AuditFilter {
  return {
    ...filter,
    taskId: filter.taskId || undefined,
    eventTypes: [...new Set(filter.eventTypes.filter(Boolean).map(qualifiedEventType))].sort(),
    // Left out when empty, so a page token made before the field existed still matches its filter.
    ...(filter.actorKinds?.length ? { actorKinds: [...new Set(filter.actorKinds)].sort((a, b) => a - b) } : {}),
  };
}

/** Audit page tokens hold the sequence of the last record on the previous page, bound to the filter. */
const sequenceTokens = pageTokens(z.object({ sequence: z.int().positive() }));

/** encodePageToken makes the opaque token for the page after the one ending at `lastSequence`. */
export function encodePageToken(lastSequence: number, filter: AuditFilter): string {
  return sequenceTokens.encode({ sequence: lastSequence }, filter);
}

/** decodePageToken reads a token back; a forged token or one from another filter is InvalidArgument. */
export function decodePageToken(token: string, filter: AuditFilter): number {
  return sequenceTokens.decode(token, filter).sequence;
}

/** auditQuery turns request fields into a query, checking the page token against the filter. */
export function auditQuery(input: { filter: AuditFilter; pageSize: number; pageToken: string }): AuditQuery {
  const filter = normalizeFilter(input.filter);
  if (filter.occurredAfter && filter.occurredBefore && filter.occurredAfter >= filter.occurredBefore) {
    throw new InvalidArgumentError([{ field: "occurred_before", description: "must be later than occurred_after" }]);
  }
  return {
    filter,
    pageSize: input.pageSize > 0 ? input.pageSize : defaultPageSize,
    beforeSequence: input.pageToken ? decodePageToken(input.pageToken, filter) : undefined,
  };
}
