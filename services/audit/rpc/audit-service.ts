import type { ServiceImpl } from "@connectrpc/connect";
import type { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { callerId } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import { NotFoundError } from "../../platform/errors";
import { listAuditRecords, verifyUserChain } from "../db/audit-store";
import { mayReadProject, topLevelProjects } from "../db/project-tree";
import { auditQuery, encodePageToken } from "../domain/list-query";
import { toAuditEvent, toAuditFilter } from "./audit-mapper";

/**
 * auditService answers from the caller's own chain, and from the slices of owners' chains for the projects shared
 * with the caller (project_id, include_shared): every query is scoped by callerId. Verification is the caller's
 * own chain only.
 */
export function auditService(deps: { db: Db }): ServiceImpl<typeof AuditService> {
  const { db } = deps;
  return {
    async listAuditEvents(request, context) {
      const userId = callerId(context);
      const query = auditQuery({
        filter: toAuditFilter(request),
        pageSize: request.pageSize,
        pageToken: request.pageToken,
      });
      // A project the caller neither owns nor is a member of is NotFound, like a missing one (the one rule).
      if (query.filter.projectId && !(await mayReadProject(db, userId, query.filter.projectId))) {
        throw new NotFoundError("project not found");
      }
      const { records, more } = await listAuditRecords(db, userId, query);
      const topLevel = await topLevelProjects(
        db,
        records.map((record) => record.projectId),
      );
      const last = records[records.length - 1];
      return {
        events: records.map((record) => toAuditEvent(record, topLevel)),
        nextPageToken: more && last ? encodePageToken(last, query.filter) : "",
      };
    },
    async verifyAuditChain(_request, context) {
      const verdict = await verifyUserChain(db, callerId(context));
      return {
        valid: verdict.valid,
        checked: BigInt(verdict.checked),
        firstBrokenSequence: BigInt(verdict.broken?.sequence ?? 0),
        firstBrokenEventId: verdict.broken?.eventId ?? "",
        reason: verdict.broken?.reason ?? "",
      };
    },
  };
}
