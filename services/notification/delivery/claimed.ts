import type { Db } from "../../platform/db/database";
import type { Logger } from "../../platform/logger";
import type { Quota } from "../../platform/quota";
import type { NotificationRow } from "../db/inbox-store";
import type { ScheduleRow } from "../db/schedule-store";
import type { RetryPolicy } from "../domain/retry";
import type { Claim } from "../domain/schedule";
import type { ReminderFacts } from "../events/audit-events";
import type { EmailLookup } from "./email-lookup";
import type { Mailer } from "./mailer";

/** DeliveryDeps is what delivering reminders needs. */
export interface DeliveryDeps {
  db: Db;
  logger: Logger;
  mailer: Mailer;
  lookupEmail: EmailLookup;
  /** emailQuota limits reminder emails per user (QUOTA_REMINDER_EMAILS_PER_HOUR); past it, in-app only. */
  emailQuota: Quota;
  retry: RetryPolicy;
  /** onNotification hears each new in-app notification once it is committed (live push). */
  onNotification: (row: NotificationRow) => void;
  /** onEvents hears that outcome events were committed to the outbox (wake the relay). */
  onEvents: () => void;
}

/** A claimed row: leased, so it has a lease id and a reminder time. */
export type ClaimedReminder = ScheduleRow & { leaseId: string; remindAt: Date };

/** isClaimed narrows a row returned by a claim: leased rows carry a lease id and a reminder time. */
export const isClaimed = (row: ScheduleRow): row is ClaimedReminder => row.leaseId !== null && row.remindAt !== null;

/** claimOf is what a claimed row promised: the time and version it was leased with. */
export const claimOf = (row: ClaimedReminder): Claim => ({
  leaseId: row.leaseId,
  remindAt: row.remindAt,
  taskVersion: row.taskVersion,
});

/** factsOf is what the outcome events of a reminder repeat about it. */
export const factsOf = (row: ClaimedReminder): ReminderFacts => ({
  taskId: row.taskId,
  userId: row.userId,
  title: row.title,
  remindAt: row.remindAt,
  correlationId: row.correlationId,
  causationId: row.causationId,
});
