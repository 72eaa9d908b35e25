import { ReminderDeliveredSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import type { WatchNotificationsResponse } from "../../../gen/todo/v1/notification_service_pb";
import { type EventBus, subscribeEveryReplica } from "../../platform/bus/event-bus";
import { topics } from "../../platform/bus/event-codec";
import { onMessage } from "../../platform/bus/typed-events";
import type { Db } from "../../platform/db/database";
import type { LiveHub } from "../../platform/live-hub";
import type { Logger } from "../../platform/logger";
import { readNotification } from "../db/inbox-store";
import { toPush } from "../db/notification-message";
import type { RecentIds } from "../domain/recent-ids";

/** LiveViewDeps is what feeding this replica's WatchNotifications streams from the bus needs. */
export interface LiveViewDeps {
  bus: EventBus;
  db: Db;
  logger: Logger;
  hub: LiveHub<WatchNotificationsResponse>;
  /** pushed holds the notifications this replica already pushed (its own deliveries, repeated events). */
  pushed: RecentIds;
}

/**
 * subscribeDeliveredNotifications pushes every in-app notification, whichever replica delivered it,
 * to this replica's streams of its user: each replica reads `ReminderDelivered` with a group of its
 * own (live views need all of them, not a share), starting at the newest. The event names the
 * notification; the stream gets the stored row (read as the event's user), so it carries what a
 * direct push does. A notification already pushed here is not pushed again.
 */
export function subscribeDeliveredNotifications(deps: LiveViewDeps): Promise<void> {
  const { hub, pushed } = deps;
  return subscribeEveryReplica(
    deps.bus,
    "notification-watch",
    [topics.auditEvents],
    onMessage(ReminderDeliveredSchema, async (decoded) => {
      const { notificationId } = decoded.event;
      const userId = decoded.meta.userId;
      if (!notificationId || !pushed.firstTime(notificationId) || hub.count(userId) === 0) return;
      try {
        const row = await readNotification(deps.db, userId, notificationId);
        if (row) hub.publish(userId, toPush(row));
      } catch (error) {
        // A live push is best effort (clients list on reconnect): a failed read is no reason to dead-letter the event.
        deps.logger.warn({ err: error, notificationId }, "could not read a delivered notification for its streams");
      }
    }),
  );
}
