import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { Notification, SnoozeDelay } from "../../../../gen/todo/v1/notification_service_pb";
import { streamOptions } from "../api/api";
import { runLiveStream } from "../api/live-stream";
import { errorMessage } from "../domain/error-message";
import { inboxLine, liveArrival } from "../domain/inbox";
import { navigate } from "../ui/router";
import { useToasts } from "../ui/toasts";
import { useI18n } from "./i18n-context";
import { useSession } from "./session";

export interface NotificationsValue {
  /** available is false when the server has no NotificationService; undefined until known. */
  available: boolean | undefined;
  loading: boolean;
  error: string | undefined;
  unread: number;
  items: Notification[];
  markRead(ids: string[]): Promise<void>;
  markAllRead(): Promise<void>;
  /** snooze brings a notification's reminder back later (and marks it read); it answers when, or undefined on failure. */
  snooze(id: string, delay: SnoozeDelay): Promise<Date | undefined>;
  reload(): void;
}

const NotificationsContext = createContext<NotificationsValue | null>(null);

export function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error("useNotifications outside NotificationsProvider");
  return value;
}

const unimplemented = (error: unknown) => {
  const code = ConnectError.from(error).code;
  return code === Code.Unimplemented || code === Code.NotFound;
};

/** NotificationsProvider loads the inbox, keeps WatchNotifications open, and pops a toast per reminder. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { api } = useSession();
  const i18n = useI18n();
  const toasts = useToasts();
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Notification[]>([]);
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;
  // Every notification id this client has had: a second push of one (a retry, a replay) is not news.
  const seen = useRef(new Set<string>());
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const reload = useCallback(() => {
    setLoading(true);
    api.notifications
      .listNotifications({ pageSize: 30 })
      .then((res) => {
        for (const n of res.notifications) seen.current.add(n.id);
        setItems(res.notifications);
        setUnread(Number(res.unreadCount));
        setAvailable(true);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (unimplemented(e)) setAvailable(false);
        else setError(errorMessage(e, i18nRef.current));
      })
      .finally(() => setLoading(false));
  }, [api]);

  useEffect(reload, [reload]);

  useEffect(() => {
    const controller = new AbortController();
    void runLiveStream(
      {
        open: (signal, opened) => api.notifications.watchNotifications({}, streamOptions(signal, opened)),
        isHeartbeat: (message) => message.heartbeat || !message.notification,
        onMessage: (message) => {
          const notification = message.notification!;
          const arrival = liveArrival(itemsRef.current, seen.current, notification);
          itemsRef.current = arrival.items;
          setItems(arrival.items);
          if (!arrival.news) return;
          if (!notification.read) setUnread((n) => n + 1);
          const t = i18nRef.current.t;
          toasts.show({
            tone: "reminder",
            title: t("notifications.reminder"),
            message: inboxLine(notification, i18nRef.current),
            action: notification.taskId
              ? { label: t("notifications.openTask"), run: () => navigate(`/tasks/${notification.taskId}`) }
              : undefined,
          });
        },
        onState: (state) => {
          if (state === "unavailable") setAvailable(false);
        },
        onReconnected: reload,
        refresh: () => api.refresh(),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [api, toasts, reload]);

  const markRead = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      setItems((list) => list.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n)));
      try {
        const res = await api.notifications.markRead({ ids });
        setUnread(Number(res.unreadCount));
      } catch (e) {
        toasts.show({ tone: "error", message: errorMessage(e, i18nRef.current) });
      }
    },
    [api, toasts],
  );

  const markAllRead = useCallback(async () => {
    setItems((list) => list.map((n) => ({ ...n, read: true })));
    setUnread(0);
    try {
      const res = await api.notifications.markRead({ all: true });
      setUnread(Number(res.unreadCount));
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18nRef.current) });
    }
  }, [api, toasts]);

  const snooze = useCallback(
    async (id: string, delay: SnoozeDelay) => {
      try {
        const res = await api.notifications.snoozeNotification({ id, delay });
        const wasUnread = items.some((n) => n.id === id && !n.read);
        setItems((list) => list.map((n) => (n.id === id ? { ...n, read: true } : n)));
        if (wasUnread) setUnread((count) => Math.max(0, count - 1));
        return res.remindAt ? timestampDate(res.remindAt) : undefined;
      } catch (e) {
        toasts.show({ tone: "error", message: errorMessage(e, i18nRef.current) });
        return undefined;
      }
    },
    [api, toasts, items],
  );

  const value = useMemo(
    () => ({ available, loading, error, unread, items, markRead, markAllRead, snooze, reload }),
    [available, loading, error, unread, items, markRead, markAllRead, snooze, reload],
  );
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}
