import { isMessage } from "@bufbuild/protobuf";
import { randomUUIDv7 } from "bun";
import { CommentMentionSchema } from "../../../gen/todo/events/v1/comment_events_pb";
import { TaskAssignedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import type { WatchNotificationsResponse } from "../../../gen/todo/v1/notification_service_pb";
import type { DecodedEvent } from "../../platform/bus/event-codec";
import type { Executor } from "../../platform/db/database";
import type { LiveHub } from "../../platform/live-hub";
import { insertNotifications, readPreferences } from "../db/inbox-store";
import { toPush } from "../db/notification-message";
import type { Mailer } from "../delivery/mailer";
import type { ProfileLookup } from "../delivery/profile-lookup";
import type { RecentIds } from "../domain/recent-ids";

/** What an announcement to one person needs: the mailer, profiles and this replica's open streams. */
export interface AnnounceDeps {
  mailer: Mailer;
  profiles: ProfileLookup;
  hub: LiveHub<WatchNotificationsResponse>;
  pushed: RecentIds;
}

/**
 * announce tells one person about a task (a mention, an assignment), as their preferences say: an inbox entry for
 * the task at `entry.at` (one per person and event: a repeated event finds it and adds none), pushed to their open
 * streams on this replica (others list it on their next read), and an email to their verified address, composed in
 * their language. An unknown (deleted) person gets nothing; a failed profile read throws, so the consumer retries.
 * Preferences and the inbox entry are read and written in the consumer's transaction `tx`: a query on another
 * connection would wait for it (in embedded mode, PGlite's one connection: a deadlock).
 */
export async function announce(
  deps: AnnounceDeps,
  to: { userId: string; correlationId: string },
  compose: (language: { chosen: string; profileLocale: string }) => { title: string; body: string },
  entry: { taskId: string; at: Date; dueAt: Date | null },
  tx: Executor,
): Promise<void> {
  const profile = await deps.profiles(to.userId, to.correlationId);
  if (!profile) return;
  const prefs = await readPreferences(tx, to.userId);
  const message = compose({ chosen: prefs.digestLanguage, profileLocale: profile.locale });
  if (prefs.inAppEnabled) {
    const stored = await insertNotifications(tx, [
      {
        id: randomUUIDv7(),
        userId: to.userId,
        taskId: entry.taskId,
        title: message.title,
        body: message.body,
        remindAt: entry.at,
        dueAt: entry.dueAt,
        deliveredAt: new Date(),
        readAt: null,
      },
    ]);
    for (const { row, created } of stored.values()) {
      if (created && deps.pushed.firstTime(row.id)) deps.hub.publish(to.userId, toPush(row));
    }
  }
  if (prefs.emailEnabled && profile.email) {
    await deps.mailer.send({ to: profile.email, subject: message.title, text: message.body });
  }
}

/** peopleAnnounced are the profiles announcing this event will read: the assignee and who assigned, the mentioned. */
export function peopleAnnounced({ event }: Pick<DecodedEvent, "event">): string[] {
  if (isMessage(event, TaskAssignedSchema)) return [event.task?.assigneeId ?? "", event.actorId];
  if (isMessage(event, CommentMentionSchema)) return [event.mentionedUserId];
  return [];
}
