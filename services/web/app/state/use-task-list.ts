import { useCallback, useEffect, useRef, useState } from "react";
import type { Task } from "../../../../gen/todo/v1/task_pb";
import { errorMessage } from "../domain/error-message";
import { type TaskFilters, toListTasksRequest } from "../domain/task-filters";
import { applyChange } from "../domain/task-list";
import { useI18n } from "./i18n-context";
import { useSession } from "./session";

const pageSize = 30;

export interface TaskList {
  tasks: Task[];
  status: "loading" | "ready" | "error";
  error: string | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
}

/** useTaskList pages through ListTasks for the filters and keeps the loaded pages current with live changes. */
export function useTaskList(filters: TaskFilters): TaskList {
  const { api, timeZone, taskEvents } = useSession();
  const i18n = useI18n();
  const [tasks, setTasks] = useState<Task[]>([]);
  const [status, setStatus] = useState<TaskList["status"]>("loading");
  const [error, setError] = useState<string | undefined>(undefined);
  const [nextPageToken, setNextPageToken] = useState("");
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const inFlight = useRef<AbortController | undefined>(undefined);
  const view = useRef({ filters, timeZone, hasMore: false });
  view.current = { filters, timeZone, hasMore: nextPageToken !== "" };
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;

  const load = useCallback(
    async (pageToken: string) => {
      const mine = pageToken ? generation.current : ++generation.current;
      // A new view cancels the answer to the old one (and the generation check drops it if it still
      // arrives), so a slow search can never land on top of a newer sort or filter.
      if (!pageToken) inFlight.current?.abort();
      const controller = new AbortController();
      if (!pageToken) inFlight.current = controller;
      if (pageToken) setLoadingMore(true);
      else setStatus((s) => (s === "ready" ? s : "loading"));
      try {
        const res = await api.tasks.listTasks(toListTasksRequest(filters, { timeZone, pageSize, pageToken }), {
          signal: controller.signal,
        });
        if (mine !== generation.current) return;
        setTasks((list) => {
          if (!pageToken) return res.tasks;
          const seen = new Set(list.map((t) => t.id));
          return [...list, ...res.tasks.filter((t) => !seen.has(t.id))];
        });
        setNextPageToken(res.nextPageToken);
        setStatus("ready");
        setError(undefined);
      } catch (e) {
        if (mine !== generation.current) return;
        const message = errorMessage(e, i18nRef.current);
        if (pageToken) setError(message);
        else {
          setStatus("error");
          setError(message);
        }
      } finally {
        if (pageToken && mine === generation.current) setLoadingMore(false);
      }
    },
    [api, filters, timeZone],
  );

  useEffect(() => {
    setStatus("loading");
    void load("");
  }, [load]);

  useEffect(
    () =>
      taskEvents.onChange(({ task }) =>
        setTasks((list) => applyChange(list, task, { ...view.current, now: new Date() })),
      ),
    [taskEvents],
  );
  useEffect(() => taskEvents.onResync(() => void load("")), [taskEvents, load]);

  return {
    tasks,
    status,
    error,
    hasMore: nextPageToken !== "",
    loadingMore,
    loadMore: () => {
      if (nextPageToken && !loadingMore) void load(nextPageToken);
    },
    reload: () => void load(""),
  };
}
