import { type ReactNode, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import type { LiveState } from "../api/live-stream";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { Icon } from "./icons";
import { LanguageToggle } from "./language-toggle";
import { NotificationBell } from "./notification-bell";
import { followInApp, navigate, type Route } from "./router";

function NavLink({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  return (
    <a
      href={to}
      className={`nav-link${current ? " is-current" : ""}`}
      aria-current={current ? "page" : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

const subscribeOnline = (listener: () => void) => {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
};

/** useOnline follows the browser's own view of the network: a stream can look open for a while after it is gone. */
const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine);

function LiveBadge({ state: streamState }: { state: LiveState }) {
  const i18n = useI18n();
  const online = useOnline();
  if (streamState === "unavailable") return null;
  const state = online ? streamState : "offline";
  const text =
    state === "offline"
      ? i18n.t("live.offline")
      : state === "live"
        ? i18n.t("live.connected")
        : state === "connecting"
          ? i18n.t("live.connecting")
          : i18n.t("live.reconnecting");
  return (
    <span
      className={`live-badge is-${state}`}
      title={i18n.t("live.title")}
      data-testid="live-state"
      data-state={state}
      role="status"
    >
      <span className="live-dot" aria-hidden="true" />
      <span className="live-text">{text}</span>
    </span>
  );
}

function AccountMenu() {
  const i18n = useI18n();
  const { user, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener("keydown", close);
    document.addEventListener("mousedown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("mousedown", close);
    };
  }, [open]);
  const initial = (user.displayName || user.email).trim().charAt(0).toUpperCase();
  // A menu item that opens a screen closes the menu first.
  const go = (to: string) => () => {
    setOpen(false);
    navigate(to);
  };
  return (
    <div className="popover-anchor" ref={root}>
      <button
        type="button"
        className="avatar"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-label={user.displayName}
        onClick={() => setOpen(!open)}
        data-testid="account-button"
      >
        {initial}
      </button>
      {open && (
        <div id={`${id}-menu`} className="popover menu">
          <p className="menu-user">
            <strong dir="auto">{user.displayName}</strong>
            <span>{user.email}</span>
          </p>
          <button type="button" className="menu-item" onClick={go("/profile")}>
            <Icon name="user" size={18} />
            {i18n.t("nav.profile")}
          </button>
          <button type="button" className="menu-item" onClick={go("/connections")} data-testid="connections-link">
            <Icon name="globe" size={18} />
            {i18n.t("nav.connections")}
          </button>
          <button type="button" className="menu-item" onClick={() => void signOut()} data-testid="sign-out">
            <Icon name="logout" size={18} />
            {i18n.t("nav.signOut")}
          </button>
        </div>
      )}
    </div>
  );
}

/** AppHeader is the top bar: brand, screens, live state, language, assistant, notifications, account. */
export function AppHeader({
  route,
  chatOpen,
  onToggleChat,
  onToggleLanguage,
}: {
  route: Route;
  chatOpen: boolean;
  onToggleChat: () => void;
  onToggleLanguage: () => void;
}) {
  const i18n = useI18n();
  const { liveState } = useSession();
  return (
    <header className="app-header">
      <a className="brand" href="/" aria-label={i18n.t("app.name")} onClick={followInApp}>
        <span className="brand-mark" aria-hidden="true">
          <Icon name="check" size={18} />
        </span>
        <span className="brand-name">{i18n.t("app.name")}</span>
      </a>
      <nav className="main-nav" aria-label={i18n.t("app.mainNav")}>
        <NavLink to="/" current={route.screen === "tasks"}>
          <Icon name="list" size={18} />
          {i18n.t("nav.tasks")}
        </NavLink>
        <NavLink to="/activity" current={route.screen === "activity"}>
          <Icon name="activity" size={18} />
          {i18n.t("nav.activity")}
        </NavLink>
      </nav>
      <div className="header-tools">
        <LiveBadge state={liveState} />
        <LanguageToggle onToggle={onToggleLanguage} className="lang-toggle" />
        <button
          type="button"
          className={`icon-button header-button${chatOpen ? " is-on" : ""}`}
          aria-pressed={chatOpen}
          aria-label={chatOpen ? i18n.t("chat.close") : i18n.t("chat.open")}
          title={i18n.t("nav.assistant")}
          onClick={onToggleChat}
          data-testid="chat-toggle"
        >
          <Icon name="chat" />
        </button>
        <NotificationBell />
        <AccountMenu />
      </div>
    </header>
  );
}
