import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useEffect, useId, useRef, useState } from "react";
import { SnoozeDelay } from "../../../../gen/todo/v1/notification_service_pb";
import { whenLabel } from "../domain/format-date";
import { inboxLine } from "../domain/inbox";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../state/i18n-context";
import { useNotifications } from "../state/notifications";
import { useSession } from "../state/session";
import { Icon } from "./icons";
import { navigate } from "./router";
import { useToasts } from "./toasts";

const snoozeChoices: [SnoozeDelay, MessageKey][] = [
  [SnoozeDelay.TEN_MINUTES, "notifications.snooze10m"],
  [SnoozeDelay.ONE_HOUR, "notifications.snooze1h"],
  [SnoozeDelay.TOMORROW_MORNING, "notifications.snoozeMorning"],
];

/** NotificationBell shows the unread count and opens the inbox; Escape or a click outside closes it. */
export function NotificationBell() {
  const i18n = useI18n();
  const { timeZone } = useSession();
  const inbox = useNotifications();
  const toasts = useToasts();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const label =
    inbox.unread > 0 ? i18n.t("nav.notificationsUnread", { count: inbox.unread }) : i18n.t("nav.notifications");
  const now = new Date();
  return (
    <div className="popover-anchor" ref={root}>
      <button
        ref={button}
        type="button"
        className="icon-button header-button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={`${id}-inbox`}
        onClick={() => setOpen(!open)}
        data-testid="notification-bell"
      >
        <Icon name="bell" />
        {inbox.unread > 0 && (
          <span className="badge" aria-hidden="true" data-testid="unread-count">
            {inbox.unread > 99 ? "99+" : inbox.unread}
          </span>
        )}
      </button>
      {open && (
        <div id={`${id}-inbox`} className="popover inbox" role="dialog" aria-label={i18n.t("notifications.title")}>
          <header className="popover-header">
            <h2>{i18n.t("notifications.title")}</h2>
            {inbox.unread > 0 && (
              <button type="button" className="button ghost small" onClick={() => void inbox.markAllRead()}>
                {i18n.t("notifications.markAll")}
              </button>
            )}
          </header>
          {inbox.available === false && <p className="state-line">{i18n.t("notifications.unavailable")}</p>}
          {inbox.available !== false && inbox.loading && inbox.items.length === 0 && (
            <p className="state-line">{i18n.t("notifications.loading")}</p>
          )}
          {inbox.error && (
            <p className="form-error" role="alert">
              {inbox.error}
            </p>
          )}
          {inbox.available && !inbox.loading && inbox.items.length === 0 && (
            <p className="state-line">{i18n.t("notifications.empty")}</p>
          )}
          {inbox.items.length > 0 && (
            <ul className="inbox-list">
              {inbox.items.map((n) => (
                <li key={n.id} className={n.read ? "" : "is-unread"}>
                  <button
                    type="button"
                    className="inbox-item"
                    onClick={() => {
                      void inbox.markRead([n.id]);
                      setOpen(false);
                      if (n.taskId) navigate(`/tasks/${n.taskId}`);
                    }}
                  >
                    <Icon name="bell" size={16} />
                    <span className="inbox-text">
                      <strong dir="auto">{inboxLine(n, i18n)}</strong>
                      {/* The due time in the list's words and zone; the server's body is the email's English text. */}
                      {n.dueAt && (
                        <span data-testid="inbox-due">
                          {i18n.t("task.due")}: {whenLabel(timestampDate(n.dueAt), false, now, timeZone, i18n)}
                        </span>
                      )}
                      {n.deliveredAt && (
                        <time dateTime={timestampDate(n.deliveredAt).toISOString()}>
                          {whenLabel(timestampDate(n.deliveredAt), false, now, timeZone, i18n)}
                        </time>
                      )}
                    </span>
                  </button>
                  {n.taskId && (
                    <fieldset className="snooze-row" data-testid="snooze">
                      <legend className="visually-hidden">
                        {i18n.t("notifications.snoozeGroup", { title: n.title })}
                      </legend>
                      {snoozeChoices.map(([delay, key]) => (
                        <button
                          key={delay}
                          type="button"
                          className="button ghost small"
                          onClick={async () => {
                            const at = await inbox.snooze(n.id, delay);
                            if (at)
                              toasts.show({
                                tone: "success",
                                message: i18n.t("notifications.snoozed", {
                                  when: whenLabel(at, false, new Date(), timeZone, i18n),
                                }),
                              });
                          }}
                        >
                          {i18n.t(key)}
                        </button>
                      ))}
                    </fieldset>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
