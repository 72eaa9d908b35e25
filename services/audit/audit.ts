import { AuditService } from "../../gen/todo/v1/audit_service_pb";
import type { ServiceFactory } from "../platform/service";
import { loadAuditConfig } from "./config";
import { subscribeAuditLog } from "./events/audit-consumer";
import { auditService } from "./rpc/audit-service";

/**
 * createAudit is the audit service, the append-only, hash-chained log of every event, as embedded mode and
 * its own process run it.
 */
export const createAudit: ServiceFactory = async (deps) => {
  const db = deps.database.db;
  const config = loadAuditConfig(deps.env);
  // AUDIT_CONSUMER_GROUP: a side-by-side run or a test consumes in a group of its own (a test places it at
  // the end first: platform/testing/kafka-groups); a new group reads the retained history from the beginning.
  const consumer = { groupId: config.AUDIT_CONSUMER_GROUP, fromBeginning: true };
  return {
    appId: "audit",
    services: [AuditService],
    routes: (router) => router.service(AuditService, auditService({ db })),
    migrations: { folder: `${import.meta.dir}/db/migrations`, schema: "audit" },
    async start() {
      await subscribeAuditLog(deps.bus, db, consumer);
    },
  };
};
