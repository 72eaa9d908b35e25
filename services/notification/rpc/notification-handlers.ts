import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { z } from "zod";
import {
  type NotificationService,
  type WatchNotificationsResponse,
  WatchNotificationsResponseSchema,
} from "../../../gen/todo/v1/notification_service_pb";
import { callerId } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import { FailedPreconditionError, NotFoundError } from "../../platform/errors";
import type { LiveHub } from "../../platform/live-hub";
import { pageTokens } from "../../platform/page-token";
import { currentScope } from "../../platform/request-context";
import { armDigest, disarmDigest, readDigest } from "../db/digest-store";
import {
  listNotifications,
  markRead,
  readNotification,
  readPreferences,
  unreadCount,
  writePreferences,
} from "../db/inbox-store";
import { toNotification, toPreferences } from "../db/notification-message";
import { snoozeReminder } from "../db/schedule-store";
import type { ProfileLookup } from "../delivery/profile-lookup";
import { upcomingDigestAt } from "../domain/digest-time";
import { snoozeUntil } from "../domain/snooze";

const defaultPageSize = 50;

/** An inbox page token holds the last notification's delivery time (as millis) and id. */
const inboxTokens = pageTokens(
  z.object({
    deliveredAt: z.codec(z.int().nonnegative(), z.date(), {
      decode: (millis) => new Date(millis),
      encode: (date) => date.getTime(),
    }),
    id: z.guid(),
  }),
);

const heartbeat = create(WatchNotificationsResponseSchema, { heartbeat: true });

/** notificationHandlers implements NotificationService for the caller only. */
export function notificationHandlers(deps: {
  db: Db;
  /** hub fans new notifications out to this process's open WatchNotifications streams, by user. */
  hub: LiveHub<WatchNotificationsResponse>;
  /** shutdown aborts on service stop: open streams end. */
  shutdown: AbortSignal;
  /** profiles reads a user's zone and language (AuthService.GetMe, as the user). */
  profiles: ProfileLookup;
  /** onSnoozed hears a snooze's time (wake the reminder scheduler); onDigestArmed wakes the digest scheduler. */
  onSnoozed: (at: Date) => void;
  onDigestArmed: () => void;
}): ServiceImpl<typeof NotificationService> {
  const { db, hub } = deps;
  const correlationId = () => currentScope()?.correlationId ?? crypto.randomUUID();
  // A profile lookup that fails (the orchestrator down) reaches the caller as the callee's own code (Unavailable).
  const profileOf = (userId: string) => deps.profiles(userId, correlationId());
  return {
    async listNotifications(req, context) {
      const userId = callerId(context);
      const limit = req.pageSize || defaultPageSize;
      const after = req.pageToken ? inboxTokens.decode(req.pageToken) : undefined;
      const [rows, unread] = await Promise.all([
        listNotifications(db, userId, { unreadOnly: req.unreadOnly, limit: limit + 1, after }),
        unreadCount(db, userId),
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        notifications: page.map(toNotification),
        nextPageToken:
          rows.length > limit && last ? inboxTokens.encode({ deliveredAt: last.deliveredAt, id: last.id }) : "",
        unreadCount: BigInt(unread),
      };
    },

    async markRead(req, context) {
      const userId = callerId(context);
      const unread = await db.transaction(async (tx) => {
        await markRead(tx, userId, { ids: req.ids, all: req.all });
        return unreadCount(tx, userId);
      });
      return { unreadCount: BigInt(unread) };
    },

    async getPreferences(_req, context) {
      return { preferences: toPreferences(await readPreferences(db, callerId(context))) };
    },

    async updatePreferences(req, context) {
      const userId = callerId(context);
      const prefs = req.preferences!;
      // The digest's first run is the chosen time in the caller's zone as the orchestrator knows it now.
      const zone = prefs.digestEnabled ? ((await profileOf(userId))?.timeZone ?? "UTC") : "UTC";
      const stored = await db.transaction(async (tx) => {
        const written = await writePreferences(tx, userId, {
          emailEnabled: prefs.emailEnabled,
          inAppEnabled: prefs.inAppEnabled,
          digestEnabled: prefs.digestEnabled,
          digestTime: prefs.digestTime,
          digestLanguage: prefs.digestLanguage,
        });
        if (!written.digestEnabled) await disarmDigest(tx, userId);
        else {
          const lastSent = (await readDigest(tx, userId))?.lastSentDate ?? null;
          await armDigest(tx, userId, {
            nextRunAt: upcomingDigestAt(new Date(), written.digestTime, zone, lastSent),
            timeZone: zone,
          });
        }
        return written;
      });
      if (stored.digestEnabled) deps.onDigestArmed();
      return { preferences: toPreferences(stored) };
    },

    async snoozeNotification(req, context) {
      const userId = callerId(context);
      const notification = await readNotification(db, userId, req.id);
      if (!notification) throw new NotFoundError(`notification ${req.id} not found`);
      const zone = (await profileOf(userId))?.timeZone ?? "UTC";
      const at = snoozeUntil(req.delay, new Date(), zone);
      const snoozed = await db.transaction(async (tx) => {
        const armed = await snoozeReminder(tx, {
          taskId: notification.taskId,
          userId,
          at,
          title: notification.title,
          dueAt: notification.dueAt,
          timeZone: zone,
          correlationId: correlationId(),
          causationId: notification.id,
        });
        if (armed) await markRead(tx, userId, { ids: [notification.id], all: false });
        return armed;
      });
      if (!snoozed)
        throw new FailedPreconditionError(
          "the task is done or deleted, or its reminders go to someone else: nothing to snooze",
        );
      deps.onSnoozed(at);
      return { remindAt: timestampFromDate(at) };
    },

    async *watchNotifications(_req, context): AsyncGenerator<WatchNotificationsResponse> {
      yield* hub.open(callerId(context), [context.signal, deps.shutdown], heartbeat);
    },
  };
}
