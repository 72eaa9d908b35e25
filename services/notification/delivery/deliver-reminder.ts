import { randomUUIDv7 } from "bun";
import { eq } from "drizzle-orm";
import { enqueueEvents, type OutgoingEvent } from "../../platform/bus/outbox";
import type { Db, Tx } from "../../platform/db/database";
import type { Logger } from "../../platform/logger";
import { insertNotification, readPreferences, type NotificationRow } from "../db/inbox-store";
import { lockSchedule, type ScheduleRow } from "../db/schedule-store";
import { outbox, reminderSchedules } from "../db/schema";
import { composeReminder } from "../domain/message";
import { afterFailure, type RetryPolicy } from "../domain/retry";
import { isCurrent, type Claim } from "../domain/schedule";
import { eventSource, reminderDelivered, reminderFailed, type ReminderFacts } from "../events/audit-events";
import type { EmailLookup } from "./email-lookup";
import type { Mailer } from "./mailer";

/** DeliveryDeps is what delivering one reminder needs. */
export interface DeliveryDeps {
  db: Db;
  logger: Logger;
  mailer: Mailer;
  lookupEmail: EmailLookup;
  retry: RetryPolicy;
  /** onNotification hears each new in-app notification once it is committed (live push). */
  onNotification: (row: NotificationRow) => void;
  /** onEvents hears that outcome events were committed to the outbox (wake the relay). */
  onEvents: () => void;
}

/** DeliveryResult says what one attempt did; a retry says when the next attempt is due. */
export type DeliveryResult =
  | { kind: "delivered" | "failed" | "skipped" }
  | { kind: "retry"; nextAttemptAt: Date };

/** A claimed row: leased, so it has a lease id, a time and a next attempt. */
export type ClaimedReminder = ScheduleRow & { leaseId: string; remindAt: Date };

/** isClaimed narrows a row returned by a claim: leased rows carry a lease id and a reminder time. */
export const isClaimed = (row: ScheduleRow): row is ClaimedReminder => row.leaseId !== null && row.remindAt !== null;

const factsOf = (row: ScheduleRow & { remindAt: Date }): ReminderFacts => ({
  taskId: row.taskId,
  userId: row.userId,
  title: row.title,
  remindAt: row.remindAt,
  correlationId: row.correlationId,
  causationId: row.causationId,
});

const settle = async (tx: Tx, taskId: string, values: Partial<typeof reminderSchedules.$inferInsert>, events: OutgoingEvent[]) => {
  await tx
    .update(reminderSchedules)
    .set({ ...values, leaseId: null, leaseUntil: null, updatedAt: new Date() })
    .where(eq(reminderSchedules.taskId, taskId));
  await enqueueEvents(tx, outbox, eventSource, events);
};

/**
 * deliverReminder makes one delivery attempt of a claimed reminder. First, in one transaction that
 * locks the row: it checks the reminder is still current (not cancelled, moved or re-claimed), reads
 * the user's preferences and writes the in-app notification — so a cancellation that commits first
 * always wins. Email goes out after that transaction, so no lock is held during a slow SMTP exchange;
 * a second transaction records the outcome and its event (ReminderDelivered / ReminderFailed) through
 * the outbox, or schedules a retry with backoff.
 */
export async function deliverReminder(deps: DeliveryDeps, claimed: ClaimedReminder): Promise<DeliveryResult> {
  const claim: Claim = { leaseId: claimed.leaseId, remindAt: claimed.remindAt, taskVersion: claimed.taskVersion };
  const content = composeReminder({ title: claimed.title, dueAt: claimed.dueAt, timeZone: claimed.timeZone });
  const first = await deps.db.transaction(async (tx) => {
    const row = await lockSchedule(tx, claimed.taskId);
    if (!row || !isCurrent(row, claim)) return undefined;
    const prefs = await readPreferences(tx, row.userId);
    let notification: { row: NotificationRow; created: boolean } | undefined;
    if (prefs.inAppEnabled && !row.notificationId) {
      notification = await insertNotification(tx, {
        id: randomUUIDv7(),
        userId: row.userId,
        taskId: row.taskId,
        title: row.title,
        body: content.body,
        remindAt: claim.remindAt,
        dueAt: row.dueAt,
        deliveredAt: new Date(),
        readAt: null,
      });
      await tx.update(reminderSchedules).set({ notificationId: notification.row.id }).where(eq(reminderSchedules.taskId, row.taskId));
    }
    const notificationId = notification?.row.id ?? row.notificationId;
    const needsEmail = prefs.emailEnabled && !row.emailDone;
    if (!needsEmail) {
      const deliveredAt = notification?.row.deliveredAt ?? new Date();
      const channels = notificationId ? ["in_app"] : [];
      // With every channel off there is nothing to report: the reminder is settled silently.
      const events = channels.length > 0 ? [reminderDelivered(factsOf(claimed), { notificationId: notificationId ?? "", deliveredAt, channels })] : [];
      await settle(tx, row.taskId, { state: "delivered", deliveredAt, notificationId }, events);
    }
    return { notification, notificationId, needsEmail, attempts: row.attempts };
  });
  if (!first) return { kind: "skipped" };
  if (first.notification?.created) deps.onNotification(first.notification.row);
  if (!first.needsEmail) {
    deps.onEvents();
    return { kind: "delivered" };
  }

  let failure: string | undefined;
  let emailed = false;
  try {
    const to = await deps.lookupEmail(claimed.userId, claimed.correlationId);
    if (to) {
      await deps.mailer.send({ to, subject: content.subject, text: content.body });
      emailed = deps.mailer.kind === "smtp";
    } else {
      deps.logger.warn({ taskId: claimed.taskId, userId: claimed.userId }, "no email address for user; email skipped");
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ err: error, taskId: claimed.taskId, attempt: first.attempts + 1 }, "email delivery failed");
  }

  const channels = [...(first.notificationId ? ["in_app"] : []), ...(emailed ? ["email"] : [])];
  const now = new Date();
  const result = await deps.db.transaction(async (tx): Promise<DeliveryResult> => {
    const row = await lockSchedule(tx, claimed.taskId);
    const facts = factsOf(claimed);
    const delivered = channels.length > 0 ? [reminderDelivered(facts, { notificationId: first.notificationId ?? "", deliveredAt: now, channels })] : [];
    if (!row || !isCurrent(row, claim)) {
      // Cancelled or moved while the email was on its way: report what did reach the user, touch nothing.
      await enqueueEvents(tx, outbox, eventSource, delivered);
      return { kind: "skipped" };
    }
    if (!failure) {
      await settle(tx, row.taskId, { state: "delivered", deliveredAt: now, emailDone: true }, delivered);
      return { kind: "delivered" };
    }
    const outcome = afterFailure(row.attempts, deps.retry, now);
    if (outcome.kind === "retry") {
      await settle(tx, row.taskId, { state: "pending", attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt, lastError: failure }, []);
      return { kind: "retry", nextAttemptAt: outcome.nextAttemptAt };
    }
    const failed = reminderFailed(facts, { channel: "email", error: failure, attempts: outcome.attempts });
    await settle(tx, row.taskId, { state: "failed", attempts: outcome.attempts, lastError: failure }, [...delivered, failed]);
    return { kind: "failed" };
  });
  deps.onEvents();
  return result;
}
