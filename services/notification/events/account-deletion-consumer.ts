import { eq, inArray, or } from "drizzle-orm";
import { AccountDeletedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import { releaseAssignee } from "../db/schedule-store";
import { digests, notifications, outbox, preferences, reminderSchedules, reminderTasks } from "../db/schema";

/**
 * accountDeletionHandlers erase what notification holds for a deleted account, in the transaction that
 * records the event (a redelivery finds nothing left and is skipped anyway): the reminders of others' tasks it
 * was assigned go back to their owners (releaseAssignee); then its reminder schedules and those of its own tasks,
 * also the ones that went to an assignee (no reminder fires after the deletion), its inbox, its preferences, and
 * the outbox rows about its tasks (ReminderDelivered/Failed carry task titles).
 */
export function accountDeletionHandlers(): EventHandler[] {
  return [
    on(AccountDeletedSchema, async ({ meta }, tx) => {
      const userId = meta.userId;
      // Tasks of others assigned to the account: their reminders go back to the owners rather than with it.
      await releaseAssignee(tx, userId);
      // The account's own tasks: their reminders go nowhere now, also those that went to an assignee.
      const owned = tx.select({ id: reminderTasks.taskId }).from(reminderTasks).where(eq(reminderTasks.userId, userId));
      const taskIds = tx
        .select({ id: reminderSchedules.taskId })
        .from(reminderSchedules)
        .where(eq(reminderSchedules.userId, userId))
        .union(tx.select({ id: notifications.taskId }).from(notifications).where(eq(notifications.userId, userId)))
        .union(owned);
      await tx.delete(outbox).where(or(eq(outbox.key, userId), inArray(outbox.key, taskIds)));
      await tx
        .delete(reminderSchedules)
        .where(or(eq(reminderSchedules.userId, userId), inArray(reminderSchedules.taskId, owned)));
      await tx.delete(notifications).where(eq(notifications.userId, userId));
      await tx.delete(preferences).where(eq(preferences.userId, userId));
      await tx.delete(reminderTasks).where(eq(reminderTasks.userId, userId));
      await tx.delete(digests).where(eq(digests.userId, userId));
    }),
  ];
}
