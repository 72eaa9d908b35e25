import { timestampDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { TaskAssignedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import type { WatchNotificationsResponse } from "../../../gen/todo/v1/notification_service_pb";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import type { Db } from "../../platform/db/database";
import type { LiveHub } from "../../platform/live-hub";
import { insertNotifications, readPreferences } from "../db/inbox-store";
import { toPush } from "../db/notification-message";
import type { Mailer } from "../delivery/mailer";
import type { ProfileLookup } from "../delivery/profile-lookup";
import { composeAssignment } from "../domain/assignment-message";
import type { RecentIds } from "../domain/recent-ids";

/**
 * assignmentHandlers announce a TaskAssigned (issue 15) to the new assignee, as their preferences say: an inbox
 * entry for the task at the event's time (one per assignee and event: a repeated event finds it and adds none),
 * pushed to their open streams on this replica, and an email to their verified address. Nothing for an unassigned
 * task, a deleted one, or an assignee who assigned it to themselves. An unknown (deleted) assignee gets nothing; a
 * failed profile read throws, so the consumer retries the event later.
 */
export function assignmentHandlers(deps: {
  db: Db;
  mailer: Mailer;
  profiles: ProfileLookup;
  hub: LiveHub<WatchNotificationsResponse>;
  pushed: RecentIds;
}): EventHandler[] {
  return [
    on(TaskAssignedSchema, async ({ event, meta }) => {
      const task = event.task;
      const userId = task?.assigneeId;
      if (!task || !userId || task.deleted || event.actorId === userId || !meta.occurredAt) return;
      const profile = await deps.profiles(userId, meta.correlationId);
      if (!profile) return;
      const prefs = await readPreferences(deps.db, userId);
      const message = composeAssignment(task.title, { chosen: prefs.digestLanguage, profileLocale: profile.locale });
      if (prefs.inAppEnabled) {
        const stored = await insertNotifications(deps.db, [
          {
            id: randomUUIDv7(),
            userId,
            taskId: task.id,
            title: message.title,
            body: message.body,
            remindAt: timestampDate(meta.occurredAt),
            dueAt: task.dueAt ? timestampDate(task.dueAt) : null,
            deliveredAt: new Date(),
            readAt: null,
          },
        ]);
        for (const { row, created } of stored.values()) {
          if (created && deps.pushed.firstTime(row.id)) deps.hub.publish(userId, toPush(row));
        }
      }
      if (prefs.emailEnabled && profile.email) {
        await deps.mailer.send({ to: profile.email, subject: message.title, text: message.body });
      }
    }),
  ];
}
