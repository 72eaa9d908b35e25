import { z } from "zod";
import { webhookHistoryDays } from "../../vocabulary/webhook-event-types";
import type { loadConfig } from "../platform/config";
import { defaultRetrySchedule, parseRetrySchedule } from "./domain/retry-schedule";
import { parseAllowedTargets, type TargetPolicy } from "./domain/target-policy";

const allowedTargets = z
  .string()
  .default("")
  .transform((text, context): TargetPolicy => {
    const policy = parseAllowedTargets(text);
    if (typeof policy === "string") {
      context.addIssue({ code: "custom", message: policy });
      return z.NEVER;
    }
    return policy;
  });

const retrySchedule = z
  .string()
  .optional()
  .transform((text, context): readonly number[] => {
    if (text === undefined) return defaultRetrySchedule;
    const schedule = parseRetrySchedule(text);
    if (typeof schedule === "string") {
      context.addIssue({ code: "custom", message: schedule });
      return z.NEVER;
    }
    return schedule;
  });

const positive = z.coerce.number().int().positive();

/** Settings of the webhooks service, on top of the runtime's base configuration (a bad value: exit 78). */
export const webhooksConfigShape = {
  /** WEBHOOKS_CONSUMER_GROUP is the Kafka consumer group on task-events and audit-events (tests use their own). */
  WEBHOOKS_CONSUMER_GROUP: z.string().min(1).default("webhooks"),
  /**
   * WEBHOOKS_ALLOWED_TARGETS: addresses or CIDR ranges a webhook may reach although they are private, loopback or
   * link-local (and by plain http), e.g. "127.0.0.1/32" for tests or "10.20.0.0/16" for an in-house receiver.
   */
  WEBHOOKS_ALLOWED_TARGETS: allowedTargets,
  /** WEBHOOKS_RETRY_SCHEDULE_MS: the waits before each retry, in ms (default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). */
  WEBHOOKS_RETRY_SCHEDULE_MS: retrySchedule,
  /** WEBHOOKS_ATTEMPT_TIMEOUT_MS bounds one attempt: DNS, connect, request and response. */
  WEBHOOKS_ATTEMPT_TIMEOUT_MS: positive.max(60_000).default(10_000),
  /** WEBHOOKS_RESPONSE_MAX_BYTES: how much of a receiver's answer is read (kept in the log); the rest is dropped. */
  WEBHOOKS_RESPONSE_MAX_BYTES: positive.max(65_536).default(4096),
  /** WEBHOOKS_CONCURRENCY: attempts in flight per replica; WEBHOOKS_ENDPOINT_CONCURRENCY: per endpoint. */
  WEBHOOKS_CONCURRENCY: positive.max(1000).default(64),
  WEBHOOKS_ENDPOINT_CONCURRENCY: positive.max(100).default(8),
  /** WEBHOOKS_MAX_ENDPOINTS_PER_USER caps each user's endpoints. */
  WEBHOOKS_MAX_ENDPOINTS_PER_USER: positive.max(1000).default(10),
  /** WEBHOOKS_HISTORY_DAYS: how long consumed events are kept for replay (longer while a delivery of one is not done). */
  WEBHOOKS_HISTORY_DAYS: positive.max(90).default(webhookHistoryDays),
  /** WEBHOOKS_REPLAY_MAX_EVENTS caps the deliveries one replay queues. */
  WEBHOOKS_REPLAY_MAX_EVENTS: positive.max(100_000).default(10_000),
  /** WEBHOOKS_ATTEMPTS_KEPT: how many attempts of one delivery the log keeps (the newest; trimmed hourly). */
  WEBHOOKS_ATTEMPTS_KEPT: positive.max(1000).default(20),
  /** WEBHOOKS_ATTEMPT_RETENTION_DAYS: how long an attempt stays in the log (the delivery's last one always shows). */
  WEBHOOKS_ATTEMPT_RETENTION_DAYS: positive.max(365).default(30),
  /** WEBHOOKS_POLL_MS: how often due retries are looked for when nothing wakes the dispatcher. */
  WEBHOOKS_POLL_MS: positive.max(60_000).default(1000),
} as const;

export type WebhooksConfig = ReturnType<typeof loadConfig<typeof webhooksConfigShape>>;
