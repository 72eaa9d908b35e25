import { eq } from "drizzle-orm";
import { enqueueEvents, type OutgoingEvent } from "../../platform/bus/outbox";
import type { Tx } from "../../platform/db/database";
import { lockSchedule } from "../db/schedule-store";
import { outbox, reminderSchedules } from "../db/schema";
import { composeReminder } from "../domain/message";
import { afterFailure } from "../domain/retry";
import { isCurrent } from "../domain/schedule";
import { eventSource, reminderDelivered, reminderFailed } from "../events/audit-events";
import { type ClaimedReminder, claimOf, type DeliveryDeps, factsOf } from "./claimed";

/** EmailDue is a current reminder whose email is still to be sent. */
export interface EmailDue {
  claimed: ClaimedReminder;
  /** notificationId is the in-app notification already made for it, if any. */
  notificationId: string | null;
  /** attempts is how many emails for it failed before. */
  attempts: number;
}

/** EmailResult says what one attempt did; a retry says when the next attempt is due. */
export type EmailResult = { kind: "delivered" | "failed" | "skipped" } | { kind: "retry"; nextAttemptAt: Date };

const settle = async (
  tx: Tx,
  id: string,
  values: Partial<typeof reminderSchedules.$inferInsert>,
  events: OutgoingEvent[],
) => {
  await tx
    .update(reminderSchedules)
    .set({ ...values, leaseId: null, leaseUntil: null, updatedAt: new Date() })
    .where(eq(reminderSchedules.id, id));
  await enqueueEvents(tx, outbox, eventSource, events);
};

/**
 * emailAttempt sends one reminder's email, then records the outcome in a transaction that re-checks
 * the claim: delivered (ReminderDelivered with every channel that reached the user), a retry after
 * backoff, or — retries spent — failed with ReminderFailed. If the reminder was cancelled or moved
 * while the email was on its way, it reports what reached the user and leaves the row alone.
 */
export async function emailAttempt(deps: DeliveryDeps, due: EmailDue): Promise<EmailResult> {
  const { claimed } = due;
  const content = composeReminder({ title: claimed.title, dueAt: claimed.dueAt, timeZone: claimed.timeZone });
  let failure: string | undefined;
  let emailed = false;
  try {
    const to = await deps.lookupEmail(claimed.userId, claimed.correlationId);
    const retryAfter = to ? deps.emailQuota.take(claimed.userId) : 0;
    if (to && retryAfter > 0) {
      // Not a failure to retry: the user's email budget is spent, the in-app notification still reached them.
      deps.logger.info(
        { taskId: claimed.taskId, userId: claimed.userId, retryAfterSeconds: Math.ceil(retryAfter) },
        "reminder email quota spent; email skipped",
      );
    } else if (to) {
      await deps.mailer.send({ to, subject: content.subject, text: content.body });
      // A log "email" reached no one: it is not reported as a channel.
      emailed = deps.mailer.kind === "smtp";
    } else {
      deps.logger.warn({ taskId: claimed.taskId, userId: claimed.userId }, "no email address for user; email skipped");
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ err: error, taskId: claimed.taskId, attempt: due.attempts + 1 }, "email delivery failed");
  }

  const channels = [...(due.notificationId ? ["in_app"] : []), ...(emailed ? ["email"] : [])];
  const now = new Date();
  const result = await deps.db.transaction(async (tx): Promise<EmailResult> => {
    const row = await lockSchedule(tx, claimed.id);
    const facts = factsOf(claimed);
    const delivered =
      channels.length > 0
        ? [reminderDelivered(facts, { notificationId: due.notificationId ?? "", deliveredAt: now, channels })]
        : [];
    if (!row || !isCurrent(row, claimOf(claimed))) {
      await enqueueEvents(tx, outbox, eventSource, delivered);
      return { kind: "skipped" };
    }
    if (!failure) {
      await settle(tx, row.id, { state: "delivered", deliveredAt: now, emailDone: true }, delivered);
      return { kind: "delivered" };
    }
    const outcome = afterFailure(row.attempts, deps.retry, now);
    if (outcome.kind === "retry") {
      await settle(
        tx,
        row.id,
        { state: "pending", attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt, lastError: failure },
        [],
      );
      return { kind: "retry", nextAttemptAt: outcome.nextAttemptAt };
    }
    const failed = reminderFailed(facts, { channel: "email", error: failure, attempts: outcome.attempts });
    await settle(tx, row.id, { state: "failed", attempts: outcome.attempts, lastError: failure }, [
      ...delivered,
      failed,
    ]);
    return { kind: "failed" };
  });
  deps.onEvents();
  return result;
}
