import { createNotification } from "../../notification/notification";
import { type StackWithSink, startStackWithSink } from "../../notification/testing/sink-stack";
import { createOrchestrator } from "../orchestrator";

/** MailStack is the orchestrator and notification (no Kafka) mailing into a real SMTP sink. */
export type MailStack = StackWithSink;

/** LIMITS lifts the sign-in limits for a test that signs up many people from one address. */
export const LIMITS = { AUTH_LIMIT_PER_ADDRESS: "1000", AUTH_LIMIT_PER_ACCOUNT: "1000" };

/** startMailStack starts the sink, then the services with SMTP_URL pointing at it and `env` (limits, quotas) added. */
export const startMailStack = (env: Record<string, string>): Promise<MailStack> =>
  startStackWithSink([createOrchestrator, createNotification], env);
