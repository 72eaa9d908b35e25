import type { ServiceImpl } from "@connectrpc/connect";
import type { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { callerId } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import { listAuditRecords, verifyUserChain } from "../db/audit-store";
import { auditQuery, encodePageToken } from "../domain/list-query";
import { toAuditEvent, toAuditFilter } from "./audit-mapper";

/** auditService answers for the caller's own log only: every query is scoped by callerId. */
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
      const { records, more } = await listAuditRecords(db, userId, query);
      const last = records[records.length - 1];
      return {
        events: records.map(toAuditEvent),
        nextPageToken: more && last ? encodePageToken(last.sequence, query.filter) : "",
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
