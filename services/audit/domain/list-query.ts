import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../../platform/errors";
import { qualifiedEventType } from "./event-summary";

/** defaultPageSize applies when a request leaves page_size at 0. */
export const defaultPageSize = 50;

/** AuditFilter narrows a user's records; every field is optional. */
export interface AuditFilter {
  taskId?: string;
  eventTypes: string[];
  occurredAfter?: Date;
  occurredBefore?: Date;
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
  };
}

/** filterFingerprint ties a page token to the filter that produced it. */
export function filterFingerprint(filter: AuditFilter): string {
  const canonical = JSON.stringify([
    filter.taskId ?? "",
    filter.eventTypes,
    filter.occurredAfter?.toISOString() ?? "",
    filter.occurredBefore?.toISOString() ?? "",
  ]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 16);
}

interface PageCursor {
  /** s: the sequence of the last record on the previous page. */
  s: number;
  /** f: the fingerprint of the filter. */
  f: string;
}

/** encodePageToken makes the opaque token for the page after the one ending at `lastSequence`. */
export function encodePageToken(lastSequence: number, filter: AuditFilter): string {
  const cursor: PageCursor = { s: lastSequence, f: filterFingerprint(filter) };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** decodePageToken reads a token back; a forged token or one from another filter is InvalidArgument. */
export function decodePageToken(token: string, filter: AuditFilter): number {
  try {
    const cursor = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<PageCursor>;
    const { s, f } = cursor;
    if (typeof s === "number" && Number.isSafeInteger(s) && s > 0 && f === filterFingerprint(filter)) return s;
  } catch {
    // not JSON: the same answer as any other bad token
  }
  throw new InvalidArgumentError([{ field: "page_token", description: "is not a token from this listing" }]);
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
