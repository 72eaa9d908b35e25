import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import type { SavedFilter } from "../../../../gen/todo/v1/filter_pb";
import type { Project } from "../../../../gen/todo/v1/project_pb";
import type { Api } from "../api/api";
import type { TaskEvents } from "./task-events";

/** Organise is the user's projects and saved filters, as the sidebar and project screens show them. */
export interface Organise {
  projects: Project[];
  savedFilters: SavedFilter[];
  status: "loading" | "ready" | "error";
  /** reload reads both lists again (after adding a project, or a task change that may have made one). */
  reload(): void;
}

export const OrganiseContext = createContext<Organise>({
  projects: [],
  savedFilters: [],
  status: "loading",
  reload: () => undefined,
});

/** useOrganise returns the projects and saved filters loaded by the shell. */
export const useOrganise = (): Organise => useContext(OrganiseContext);

/**
 * useOrganiseState loads ListProjects and ListSavedFilters for the shell; a later load wins over an
 * earlier one. It loads again after a reconnect, when the tab comes back into view, when a task
 * arrives in a project it does not know (chat's "add milk to Groceries" may have just made it), and when the live
 * stream says a project, section or saved filter changed.
 */
export function useOrganiseState(api: Api, taskEvents: TaskEvents): Organise {
  const [projects, setProjects] = useState<Project[]>([]);
  const [savedFilters, setSavedFilters] = useState<SavedFilter[]>([]);
  const [status, setStatus] = useState<Organise["status"]>("loading");
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    void generation;
    Promise.all([api.projects.listProjects({}), api.filters.listSavedFilters({})])
      .then(([p, f]) => {
        if (!current) return;
        setProjects(p.projects);
        setSavedFilters(f.savedFilters);
        setStatus("ready");
      })
      .catch(() => current && setStatus("error"));
    return () => {
      current = false;
    };
  }, [api, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const known = useRef(new Set<string>());
  known.current = new Set(projects.map((p) => p.id));
  useEffect(() => {
    const offChange = taskEvents.onChange(({ task }) => {
      if (task.projectId && !known.current.has(task.projectId)) reload();
    });
    const offResync = taskEvents.onResync(reload);
    // A project, section or saved filter changed, here or on another client (WatchTasks carries those too).
    const offOrganise = taskEvents.onOrganiseChange(reload);
    const onVisible = () => document.visibilityState === "visible" && reload();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      offChange();
      offResync();
      offOrganise();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [taskEvents, reload]);

  return { projects, savedFilters, status, reload };
}
