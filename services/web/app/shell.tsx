import { useEffect, useMemo, useState } from "react";
import type { User } from "../../../gen/todo/v1/user_pb";
import type { Api } from "./api/api";
import { FilterScreen } from "./screens/filter-screen";
import { ProjectScreen } from "./screens/project-screen";
import { TasksScreen } from "./screens/tasks-screen";
import { TodayScreen } from "./screens/today-screen";
import { UpcomingScreen } from "./screens/upcoming-screen";
import { useDocumentTitle, useI18n } from "./state/i18n-context";
import { MembersDirectory } from "./state/members";
import { NotificationsProvider } from "./state/notifications";
import { SessionContext, type SessionValue } from "./state/session";
import { TaskEvents } from "./state/task-events";
import { useLiveTasks } from "./state/use-live-tasks";
import { OrganiseContext, useOrganiseState } from "./state/use-projects";
import { ActorNotices } from "./ui/actor-notices";
import { AppHeader } from "./ui/app-header";
import { Icon } from "./ui/icons";
import { lazyScreen } from "./ui/lazy-screen";
import { routeOf, useLocation } from "./ui/router";
import { Sidebar } from "./ui/sidebar";

// Rarely used screens load on demand, each in its own chunk (services/web/README.md, "Bundle budget"); the
// first screens a user sees (tasks, Today, Upcoming, a project, a filter) stay in the entry script.
const ActivityScreen = lazyScreen(() => import("./screens/activity-screen").then((m) => m.ActivityScreen));
const AssignedScreen = lazyScreen(() => import("./screens/assigned-screen").then((m) => m.AssignedScreen));
const ArchivedProjectsScreen = lazyScreen(() =>
  import("./screens/archived-projects-screen").then((m) => m.ArchivedProjectsScreen),
);
const ConnectionsScreen = lazyScreen(() =>
  import("./screens/connections/connections-screen").then((m) => m.ConnectionsScreen),
);
const NewFilterScreen = lazyScreen(() => import("./screens/new-filter-screen").then((m) => m.NewFilterScreen));
const ProfileScreen = lazyScreen(() => import("./screens/profile-screen").then((m) => m.ProfileScreen));
// The assistant panel too: it opens on demand, and its chunk loads the first time it does.
const ChatPanel = lazyScreen(() => import("./ui/chat-panel").then((m) => m.ChatPanel));

const chatKey = "taskmesh.chatOpen";
const sidebarKey = "taskmesh.sidebarCollapsed";

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
  const members = useMemo(() => new MembersDirectory(api, taskEvents), [api, taskEvents]);
  const liveState = useLiveTasks(api, taskEvents);
  const { pathname } = useLocation();
  const route = routeOf(pathname);
  const [chatOpen, setChatOpen] = useState(() => sessionStorage.getItem(chatKey) === "1");
  const organise = useOrganiseState(api, taskEvents);
  // The sidebar: shown beside the screen on a wide window unless collapsed, a panel over it on a phone.
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [sidebarCollapsed, setSidebarCollapsed] = useState(() => localStorage.getItem(sidebarKey) === "1");
  useEffect(() => localStorage.setItem(sidebarKey, sidebarCollapsed ? "1" : "0"), [sidebarCollapsed]);
  const projectName = route.screen === "project" ? organise.projects.find((p) => p.id === route.projectId) : undefined;
  useDocumentTitle(
    route.screen === "today"
      ? i18n.t("organise.today")
      : route.screen === "upcoming" || route.screen === "assigned"
        ? i18n.t(`organise.${route.screen}`)
        : route.screen === "project"
          ? projectName?.inbox
            ? i18n.t("organise.inbox")
            : (projectName?.name ?? i18n.t("organise.projects"))
          : route.screen === "filter"
            ? i18n.t("organise.filters")
            : route.screen === "connections"
              ? i18n.t("nav.connections")
              : route.screen === "archived"
                ? i18n.t("arrange.archivedProjects")
                : route.screen === "new-filter"
                  ? i18n.t("newFilter.newTitle")
                  : i18n.t(
                      route.screen === "activity"
                        ? "nav.activity"
                        : route.screen === "profile"
                          ? "nav.profile"
                          : "nav.tasks",
                    ),
  );

  const session = useMemo<SessionValue>(
    () => ({ api, user, setUser, timeZone: user.timeZone || "UTC", signOut, taskEvents, liveState, members }),
    [api, user, setUser, signOut, taskEvents, liveState, members],
  );

  useEffect(() => sessionStorage.setItem(chatKey, chatOpen ? "1" : "0"), [chatOpen]);
  // A screen change moves focus to its heading, so screen readers announce where the user is now.
  const screen = route.screen;
  useEffect(() => {
    document.querySelector<HTMLElement>(`#main[data-screen="${screen}"] h1`)?.focus({ preventScroll: true });
  }, [screen]);

  return (
    <SessionContext.Provider value={session}>
      <OrganiseContext.Provider value={organise}>
        <NotificationsProvider>
          <ActorNotices />
          <a className="skip-link" href="#main">
            {i18n.t("app.skip")}
          </a>
          <div className={`shell${chatOpen ? " chat-open" : ""}`}>
            <AppHeader
              route={route}
              chatOpen={chatOpen}
              onToggleChat={() => {
                if (chatOpen) organise.reload();
                setChatOpen(!chatOpen);
              }}
              onToggleLanguage={onToggleLanguage}
            />
            <div className={`workspace${sidebarCollapsed ? " sidebar-collapsed" : ""}`}>
              <button
                type="button"
                className="icon-button sidebar-toggle"
                aria-expanded={sidebarOpen || !sidebarCollapsed}
                aria-controls="sidebar"
                aria-label={i18n.t("organise.menu")}
                title={i18n.t("organise.menu")}
                data-testid="sidebar-toggle"
                onClick={() => {
                  // A phone opens the panel; a wide window collapses or shows the column.
                  if (window.matchMedia("(max-width: 720px)").matches) setSidebarOpen(!sidebarOpen);
                  else setSidebarCollapsed(!sidebarCollapsed);
                }}
              >
                <Icon name="list" size={18} />
              </button>
              <Sidebar route={route} open={sidebarOpen} onClose={() => setSidebarOpen(false)} />
              <main id="main" className="main" data-screen={route.screen}>
                {route.screen === "tasks" && <TasksScreen route={route} />}
                {route.screen === "activity" && <ActivityScreen />}
                {route.screen === "profile" && <ProfileScreen key={`${user.id}-${user.locale}-${user.timeZone}`} />}
                {route.screen === "connections" && <ConnectionsScreen />}
                {route.screen === "today" && <TodayScreen />}
                {route.screen === "upcoming" && <UpcomingScreen />}
                {route.screen === "assigned" && <AssignedScreen />}
                {route.screen === "project" && <ProjectScreen key={route.projectId} projectId={route.projectId} />}
                {route.screen === "filter" && <FilterScreen key={route.filterId} filterId={route.filterId} />}
                {route.screen === "archived" && <ArchivedProjectsScreen />}
                {route.screen === "new-filter" && <NewFilterScreen />}
              </main>
            </div>
            {chatOpen && (
              <ChatPanel
                onClose={() => {
                  setChatOpen(false);
                  // The assistant may have made projects or saved filters: the sidebar reads them again.
                  organise.reload();
                }}
              />
            )}
          </div>
        </NotificationsProvider>
      </OrganiseContext.Provider>
    </SessionContext.Provider>
  );
}
