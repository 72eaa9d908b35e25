import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { z } from "zod";
import {
  type NotificationService,
  type WatchNotificationsResponse,
  WatchNotificationsResponseSchema,
} from "../../../gen/todo/v1/notification_service_pb";
import { callerId } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import type { LiveHub } from "../../platform/live-hub";
import { pageTokens } from "../../platform/page-token";
import { listNotifications, markRead, readPreferences, unreadCount, writePreferences } from "../db/inbox-store";
import { toNotification, toPreferences } from "../db/notification-message";

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
}): ServiceImpl<typeof NotificationService> {
  const { db, hub } = deps;
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
      const prefs = req.preferences!;
      const stored = await writePreferences(db, callerId(context), {
        emailEnabled: prefs.emailEnabled,
        inAppEnabled: prefs.inAppEnabled,
      });
      return { preferences: toPreferences(stored) };
    },

    async *watchNotifications(_req, context): AsyncGenerator<WatchNotificationsResponse> {
      yield* hub.open(callerId(context), [context.signal, deps.shutdown], heartbeat);
    },
  };
}
