import { AuditService } from "../../gen/todo/v1/audit_service_pb";
import type { ServiceFactory } from "../platform/service";
import { loadAuditConfig } from "./config";
import { type AuditConsumer, subscribeAuditLog } from "./events/audit-consumer";
import { auditService } from "./rpc/audit-service";

/** AuditOptions are the seams a test may replace. */
export interface AuditOptions {
  /** consumer overrides the consumer group (default "audit", reading retained history from the beginning). */
  consumer?: AuditConsumer;
}

/** auditFactory builds the audit service: the append-only, hash-chained log of every event. */
export function auditFactory(options: AuditOptions = {}): ServiceFactory {
  return async (deps) => {
    const db = deps.database.db;
    const config = loadAuditConfig(deps.env);
    // AUDIT_CONSUMER_GROUP: a side-by-side run (the real-sidecar test) consumes in a group of its own.
    const consumer = options.consumer ?? { groupId: config.AUDIT_CONSUMER_GROUP, fromBeginning: true };
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
}

/** createAudit is the audit service as embedded mode and its own process run it. */
export const createAudit: ServiceFactory = auditFactory();
