import { type MouseEvent, useSyncExternalStore } from "react";

const navigationEvent = "taskmesh:navigate";

const subscribe = (listener: () => void) => {
  window.addEventListener("popstate", listener);
  window.addEventListener(navigationEvent, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(navigationEvent, listener);
  };
};

const snapshot = () => `${location.pathname}${location.search}`;

/** navigate moves to an app path without a reload. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event(navigationEvent));
}

/** followInApp is an in-app link's click: the app moves to the link's own href without a reload. */
export function followInApp(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  navigate(event.currentTarget.getAttribute("href") ?? "/");
}

/** Route is where the app is: a screen, and the task open in the editor if any. */
export type Route =
  | { screen: "tasks"; taskId?: string; creating?: boolean }
  | { screen: "activity" }
  | { screen: "profile" }
  | { screen: "connections" }
  | { screen: "today" }
  | { screen: "upcoming" }
  | { screen: "assigned" }
  | { screen: "project"; projectId: string }
  | { screen: "filter"; filterId: string }
  | { screen: "archived" }
  | { screen: "new-filter" };

/** routeOf reads an app path. Unknown paths show the task list. */
export function routeOf(pathname: string): Route {
  if (pathname === "/activity") return { screen: "activity" };
  if (pathname === "/profile") return { screen: "profile" };
  if (pathname === "/connections") return { screen: "connections" };
  if (pathname === "/today") return { screen: "today" };
  if (pathname === "/upcoming") return { screen: "upcoming" };
  if (pathname === "/assigned") return { screen: "assigned" };
  if (pathname === "/projects/archived") return { screen: "archived" };
  if (pathname === "/filters/new") return { screen: "new-filter" };
  const organised = /^\/(projects|filters)\/([0-9a-f-]{36})$/i.exec(pathname);
  if (organised?.[1] === "projects") return { screen: "project", projectId: organised[2]! };
  if (organised) return { screen: "filter", filterId: organised[2]! };
  if (pathname === "/tasks/new") return { screen: "tasks", creating: true };
  const task = /^\/tasks\/([0-9a-f-]{36})$/i.exec(pathname);
  if (task) return { screen: "tasks", taskId: task[1] };
  return { screen: "tasks" };
}

/** useLocation re-renders on navigation and returns the current path and query. */
export function useLocation(): { pathname: string; search: string } {
  const value = useSyncExternalStore(subscribe, snapshot);
  const at = value.indexOf("?");
  return at === -1 ? { pathname: value, search: "" } : { pathname: value.slice(0, at), search: value.slice(at) };
}
