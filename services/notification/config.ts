import { z } from "zod";
import { loadConfig } from "../platform/config";

/** Variables the notification service reads on top of the base ones. */
export const notificationConfigShape = {
  /** SMTP_URL, e.g. smtp://user:pass@mail:587; without it emails are written to the log. */
  SMTP_URL: z.string().url().optional(),
  /** NOTIFICATION_CONSUMER_GROUP: the Kafka consumer group on the event topics (a side-by-side run uses its own). */
  NOTIFICATION_CONSUMER_GROUP: z.string().min(1).default("notification"),
  NOTIFICATION_EMAIL_FROM: z.string().min(3).default("taskmesh <reminders@taskmesh.local>"),
  /** PUBLIC_URL is the origin users open taskmesh at; email verification links point at its /verify-email. */
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** Wait before the first retry of a failed delivery; later retries double it. */
  NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().positive().default(2000),
  /** How long before its time a reminder is claimed, then held until its exact time. */
  NOTIFICATION_LOOKAHEAD_MS: z.coerce.number().int().min(0).max(5000).default(200),
  /** Look for due daily digests this often (a digest goes out at most this late). */
  NOTIFICATION_DIGEST_POLL_MS: z.coerce.number().int().positive().default(30_000),
  /** Poll for changes made by other replicas at least this often. */
  NOTIFICATION_SAFETY_POLL_MS: z.coerce.number().int().positive().default(5000),
} as const;

export type NotificationConfig = ReturnType<typeof loadConfig<typeof notificationConfigShape>>;

/** loadNotificationConfig validates the service's variables from the environment the runtime passed. */
export const loadNotificationConfig = (env: Record<string, string | undefined>): NotificationConfig =>
  loadConfig(notificationConfigShape, env);
