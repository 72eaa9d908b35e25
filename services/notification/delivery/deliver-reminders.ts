import { randomUUIDv7 } from "bun";
import { enqueueEvents } from "../../platform/bus/outbox";
import { insertNotifications, type NotificationRow, occurrenceKey, readPreferencesOf } from "../db/inbox-store";
import { linkNotifications, lockSchedules, markDelivered, type ScheduleRow } from "../db/schedule-store";
import { outbox } from "../db/schema";
import { composeReminder } from "../domain/message";
import { isCurrent } from "../domain/schedule";
import { eventSource, reminderDelivered } from "../events/audit-events";
import { type ClaimedReminder, claimOf, type DeliveryDeps, factsOf } from "./claimed";
import type { EmailDue } from "./email-attempt";

const newNotification = (row: ClaimedReminder, at: Date): NotificationRow => ({
  id: randomUUIDv7(),
  userId: row.userId,
  taskId: row.taskId,
  title: row.title,
  body: composeReminder({ title: row.title, dueAt: row.dueAt, timeZone: row.timeZone }).body,
  remindAt: row.remindAt,
  dueAt: row.dueAt,
  deliveredAt: at,
  readAt: null,
});

/**
 * deliverReminders delivers reminders that fell due together. One transaction locks their rows,
 * keeps only those still current (not cancelled, moved or re-claimed since the claim — a cancellation
 * that commits first always wins), reads the users' preferences, writes the in-app notifications and
 * settles every reminder that needs no email, with its ReminderDelivered in the outbox. It answers
 * the reminders whose email is still to go: they are sent afterwards (see emailAttempt), so no lock is
 * held during SMTP and a slow mail server delays no in-app delivery.
 */
export async function deliverReminders(deps: DeliveryDeps, claimed: ClaimedReminder[]): Promise<EmailDue[]> {
  const claims = new Map(claimed.map((row) => [row.id, row]));
  const phase = await deps.db.transaction(async (tx) => {
    const locked = await lockSchedules(tx, [...claims.keys()]);
    const rows = locked.flatMap((row) => {
      const claim = claims.get(row.id);
      return claim && isCurrent(row, claimOf(claim)) ? [{ claim, current: row }] : [];
    });
    const preferences = await readPreferencesOf(
      tx,
      rows.map(({ current }) => current.userId),
    );
    const prefsOf = (row: ScheduleRow) => preferences.get(row.userId)!;
    const now = new Date();
    const notifications = await insertNotifications(
      tx,
      rows
        .filter(({ current }) => prefsOf(current).inAppEnabled && !current.notificationId)
        .map(({ claim }) => newNotification(claim, now)),
    );
    await linkNotifications(
      tx,
      rows.flatMap(({ claim }) => {
        const stored = notifications.get(occurrenceKey(claim));
        return stored ? [{ id: claim.id, notificationId: stored.row.id }] : [];
      }),
    );

    const emailDue: EmailDue[] = [];
    const settled: { row: ClaimedReminder; notificationId: string | null }[] = [];
    for (const { claim, current } of rows) {
      const notificationId = notifications.get(occurrenceKey(claim))?.row.id ?? current.notificationId;
      if (prefsOf(current).emailEnabled && !current.emailDone)
        emailDue.push({ claimed: claim, notificationId, attempts: current.attempts });
      else settled.push({ row: claim, notificationId });
    }
    await markDelivered(
      tx,
      settled.map(({ row }) => row.id),
      now,
    );
    // With every channel off there is nothing to report: such a reminder is settled silently.
    const events = settled.flatMap(({ row, notificationId }) =>
      notificationId
        ? [reminderDelivered(factsOf(row), { notificationId, deliveredAt: now, channels: ["in_app"] })]
        : [],
    );
    await enqueueEvents(tx, outbox, eventSource, events);
    const created = [...notifications.values()].filter((stored) => stored.created).map((stored) => stored.row);
    return { created, emailDue, published: events.length > 0 };
  });
  for (const row of phase.created) deps.onNotification(row);
  if (phase.published) deps.onEvents();
  return phase.emailDue;
}
