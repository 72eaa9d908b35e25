import { createNotification } from "../../notification/notification";
import { type StackWithSink, startStackWithSink } from "../../notification/testing/sink-stack";
import { createOrchestrator } from "../orchestrator";

/** MailStack is the orchestrator and notification (no Kafka) mailing into a real SMTP sink. */
export type MailStack = StackWithSink;

/** startMailStack starts the sink, then the services with SMTP_URL pointing at it and `env` (limits, quotas) added. */
export const startMailStack = (env: Record<string, string>): Promise<MailStack> =>
  startStackWithSink([createOrchestrator, createNotification], env);
