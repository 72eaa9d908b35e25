import type { Notification } from "../../../../gen/todo/v1/notification_service_pb";
import type { Translator } from "../i18n/translate";

/** LiveArrival is the inbox after a notification arrived live, and whether it is news (counted unread, toasted). */
export interface LiveArrival {
  items: Notification[];
  news: boolean;
}

/**
 * liveArrival puts a notification pushed on the live stream at the top of the inbox, once per id: the same entry
 * pushed again (a retry after a mail failure delivers it a second time, a reconnect replays it) replaces its copy
 * and is not news — no second unread count, no second toast. `seen` holds every id the client has had (the
 * listed page and earlier pushes), so an entry older than the listed page is known too; it is updated here.
 */
export function liveArrival(
  items: readonly Notification[],
  seen: Set<string>,
  notification: Notification,
): LiveArrival {
  const news = !seen.has(notification.id) && !items.some((n) => n.id === notification.id);
  seen.add(notification.id);
  return { items: [notification, ...items.filter((n) => n.id !== notification.id)], news };
}

/**
 * inboxLine is a notification's text as the in-app toast and the inbox say it: the server wrote it in the user's language, so
 * it starts with that language's direction mark (the actor notices' dictionary pattern: "notifications.line"), and
 * an Urdu line that begins with an English name ("Sara نے آپ کو “report” سونپا") still reads right to left.
 */
export const inboxLine = (notification: Notification, i18n: Translator): string =>
  i18n.t("notifications.line", { text: notification.title || notification.body });
