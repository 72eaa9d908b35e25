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
  /** projectId reads that project tree's records from every chain the caller may read (owner or member). */
  projectId?: string;
  /** actorUserId keeps the records of what this person did. */
  actorUserId?: string;
  /** includeShared adds the records of the projects shared with the caller to their own. */
  includeShared?: boolean;
}

/** AuditQuery is one page request: the filter, the page size and where the previous page ended. */
export interface AuditQuery {
  filter: AuditFilter;
  pageSize: number;
  /** beforeSequence: only records older (lower sequence) than this; undefined for the first page (one chain). */
  beforeSequence?: number;
  /** beforeId: only records older (lower UUIDv7 id) than this; undefined for the first page (several chains). */
  beforeId?: string;
}

/** manyChains says whether a filter reads beyond the caller's own chain (ordered by id, not sequence). */
export const manyChains = (filter: AuditFilter): boolean => Boolean(filter.projectId || filter.includeShared);

/** normalizeFilter qualifies short event type names, drops duplicates and sorts them. */
export function normalizeFilter(filter: AuditFilter): AuditFilter {
  return {
    ...filter,
    taskId: filter.taskId || undefined,
    eventTypes: [...new Set(filter.eventTypes.filter(Boolean).map(qualifiedEventType))].sort(),
    // Left out when empty, so a page token made before the field existed still matches its filter.
    ...(filter.actorKinds?.length ? { actorKinds: [...new Set(filter.actorKinds)].sort((a, b) => a - b) } : {}),
    // Likewise left out when unset; a project's listing reads its shared slice anyway (includeShared implied).
    projectId: filter.projectId || undefined,
    actorUserId: filter.actorUserId || undefined,
    ...(filter.includeShared && !filter.projectId ? { includeShared: true } : { includeShared: undefined }),
  };
}

/**
 * Audit page tokens hold where the previous page ended, bound to the filter: the last record's sequence in
 * the caller's own chain, or its id when the listing reads several chains.
 */
const sequenceTokens = pageTokens(z.object({ sequence: z.int().positive() }));
const idTokens = pageTokens(z.object({ id: z.uuid() }));

/** encodePageToken makes the opaque token for the page after the one ending at `last`. */
export function encodePageToken(last: { sequence: number; id: string }, filter: AuditFilter): string {
  return manyChains(filter)
    ? idTokens.encode({ id: last.id }, filter)
    : sequenceTokens.encode({ sequence: last.sequence }, filter);
}

/** auditQuery turns request fields into a query, checking the page token against the filter. */
export function auditQuery(input: { filter: AuditFilter; pageSize: number; pageToken: string }): AuditQuery {
  const filter = normalizeFilter(input.filter);
  if (filter.occurredAfter && filter.occurredBefore && filter.occurredAfter >= filter.occurredBefore) {
    throw new InvalidArgumentError([{ field: "occurred_before", description: "must be later than occurred_after" }]);
  }
  const pageSize = input.pageSize > 0 ? input.pageSize : defaultPageSize;
  if (!input.pageToken) return { filter, pageSize };
  // A forged token or one from another filter is InvalidArgument.
  return manyChains(filter)
    ? { filter, pageSize, beforeId: idTokens.decode(input.pageToken, filter).id }
    : { filter, pageSize, beforeSequence: sequenceTokens.decode(input.pageToken, filter).sequence };
}
