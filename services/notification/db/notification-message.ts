import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type Notification,
  NotificationSchema,
  type Preferences,
  PreferencesSchema,
  type WatchNotificationsResponse,
  WatchNotificationsResponseSchema,
} from "../../../gen/todo/v1/notification_service_pb";
import type { DeliveryPreferences, NotificationRow } from "./inbox-store";

/** toNotification maps a stored notification to its contract shape. */
export function toNotification(row: NotificationRow): Notification {
  return create(NotificationSchema, {
    id: row.id,
    taskId: row.taskId,
    title: row.title,
    body: row.body,
    remindAt: timestampFromDate(row.remindAt),
    deliveredAt: timestampFromDate(row.deliveredAt),
    read: row.readAt !== null,
    dueAt: row.dueAt ? timestampFromDate(row.dueAt) : undefined,
  });
}

/** toPush is the WatchNotifications message that pushes a newly delivered notification. */
export const toPush = (row: NotificationRow): WatchNotificationsResponse =>
  create(WatchNotificationsResponseSchema, { notification: toNotification(row) });

/** toPreferences maps delivery preferences to their contract shape. */
export const toPreferences = (prefs: DeliveryPreferences): Preferences =>
  create(PreferencesSchema, {
    emailEnabled: prefs.emailEnabled,
    inAppEnabled: prefs.inAppEnabled,
    digestEnabled: prefs.digestEnabled,
    digestTime: prefs.digestTime,
    digestLanguage: prefs.digestLanguage,
  });
