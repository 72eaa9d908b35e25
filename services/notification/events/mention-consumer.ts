import { timestampDate } from "@bufbuild/protobuf/wkt";
import { randomUUIDv7 } from "bun";
import { CommentMentionSchema } from "../../../gen/todo/events/v1/comment_events_pb";
import type { WatchNotificationsResponse } from "../../../gen/todo/v1/notification_service_pb";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import type { Db } from "../../platform/db/database";
import type { LiveHub } from "../../platform/live-hub";
import { insertNotifications, readPreferences } from "../db/inbox-store";
import { toPush } from "../db/notification-message";
import type { Mailer } from "../delivery/mailer";
import type { ProfileLookup } from "../delivery/profile-lookup";
import { composeMention } from "../domain/mention-message";
import type { RecentIds } from "../domain/recent-ids";

/**
 * mentionHandlers deliver a CommentMention (issue 15) to the person mentioned, as their preferences say: an inbox
 * entry for the task at the comment's time (one per person and comment: a repeated event finds it and adds none),
 * pushed to their open streams on this replica (others list it on their next read), and an email to their verified
 * address. The comment is quoted as plain text. An unknown (deleted) person gets nothing; a failed profile read
 * throws, so the consumer retries the event later.
 */
export function mentionHandlers(deps: {
  db: Db;
  mailer: Mailer;
  profiles: ProfileLookup;
  hub: LiveHub<WatchNotificationsResponse>;
  pushed: RecentIds;
}): EventHandler[] {
  return [
    on(CommentMentionSchema, async ({ event, meta }) => {
      const comment = event.comment;
      const userId = event.mentionedUserId;
      if (!comment?.createdAt || !userId) return;
      const profile = await deps.profiles(userId, meta.correlationId);
      if (!profile) return;
      const prefs = await readPreferences(deps.db, userId);
      const message = composeMention(
        { authorName: comment.authorName, taskTitle: event.taskTitle, body: comment.body },
        { chosen: prefs.digestLanguage, profileLocale: profile.locale },
      );
      if (prefs.inAppEnabled) {
        const at = timestampDate(comment.createdAt);
        const stored = await insertNotifications(deps.db, [
          {
            id: randomUUIDv7(),
            userId,
            taskId: comment.taskId,
            title: message.title,
            body: message.body,
            remindAt: at,
            dueAt: null,
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
