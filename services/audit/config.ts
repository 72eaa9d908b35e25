import { z } from "zod";
import { loadConfig } from "../platform/config";

/** Variables the audit service reads on top of the base ones (a bad value stops it with exit code 78). */
export const auditConfigShape = {
  /** AUDIT_CONSUMER_GROUP: the Kafka consumer group on every topic (a side-by-side run uses its own). */
  AUDIT_CONSUMER_GROUP: z.string().min(1).default("audit"),
} as const;

export type AuditConfig = ReturnType<typeof loadConfig<typeof auditConfigShape>>;

/** loadAuditConfig validates the service's variables from the environment the runtime passed. */
export const loadAuditConfig = (env: Record<string, string | undefined>): AuditConfig =>
  loadConfig(auditConfigShape, env);
