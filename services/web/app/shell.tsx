import { useEffect, useMemo, useState } from "react";
import type { User } from "../../../gen/todo/v1/user_pb";
import type { Api } from "./api/api";
import { ActivityScreen } from "./screens/activity-screen";
import { ProfileScreen } from "./screens/profile-screen";
import { TasksScreen } from "./screens/tasks-screen";
import { useDocumentTitle, useI18n } from "./state/i18n-context";
import { NotificationsProvider } from "./state/notifications";
import { SessionContext, type SessionValue } from "./state/session";
import { TaskEvents } from "./state/task-events";
import { useLiveTasks } from "./state/use-live-tasks";
import { AppHeader } from "./ui/app-header";
import { ChatPanel } from "./ui/chat-panel";
import { routeOf, useLocation } from "./ui/router";

const chatKey = "taskmesh.chatOpen";

/** Shell is the signed-in app: header, the current screen, the assistant panel, live feeds. */
export function Shell({
  api,
  user,
  setUser,
  signOut,
  onToggleLanguage,
}: {
  api: Api;
  user: User;
  setUser: (user: User) => void;
  signOut: () => Promise<void>;
  onToggleLanguage: () => void;
}) {
  const i18n = useI18n();
  const taskEvents = useMemo(() => new TaskEvents(), []);
  const liveState = useLiveTasks(api, taskEvents);
  const { pathname } = useLocation();
  const route = routeOf(pathname);
  const [chatOpen, setChatOpen] = useState(() => sessionStorage.getItem(chatKey) === "1");
  useDocumentTitle(
    i18n.t(route.screen === "activity" ? "nav.activity" : route.screen === "profile" ? "nav.profile" : "nav.tasks"),
  );

  const session = useMemo<SessionValue>(
    () => ({ api, user, setUser, timeZone: user.timeZone || "UTC", signOut, taskEvents, liveState }),
    [api, user, setUser, signOut, taskEvents, liveState],
  );

  useEffect(() => sessionStorage.setItem(chatKey, chatOpen ? "1" : "0"), [chatOpen]);
  // A screen change moves focus to its heading, so screen readers announce where the user is now.
  const screen = route.screen;
  useEffect(() => {
    document.querySelector<HTMLElement>(`#main[data-screen="${screen}"] h1`)?.focus({ preventScroll: true });
  }, [screen]);

  return (
    <SessionContext.Provider value={session}>
      <NotificationsProvider>
        <a className="skip-link" href="#main">
          {i18n.t("app.skip")}
        </a>
        <div className={`shell${chatOpen ? " chat-open" : ""}`}>
          <AppHeader
            route={route}
            chatOpen={chatOpen}
            onToggleChat={() => setChatOpen(!chatOpen)}
            onToggleLanguage={onToggleLanguage}
          />
          <main id="main" className="main" data-screen={route.screen}>
            {route.screen === "tasks" && <TasksScreen route={route} />}
            {route.screen === "activity" && <ActivityScreen />}
            {route.screen === "profile" && <ProfileScreen key={`${user.id}-${user.locale}-${user.timeZone}`} />}
          </main>
          {chatOpen && <ChatPanel onClose={() => setChatOpen(false)} />}
        </div>
      </NotificationsProvider>
    </SessionContext.Provider>
  );
}
