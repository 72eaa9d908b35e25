import { useEffect, useMemo, useRef, useState } from "react";
import type { QuickAddDraft } from "../domain/chips";
import {
  activeFilterCount,
  defaultFilters,
  filtersFromSearch,
  filtersToSearch,
  type TaskFilters,
} from "../domain/task-filters";
import { formFromDraft, type TaskForm } from "../domain/task-form";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useTaskActions } from "../state/use-task-actions";
import { useTaskList } from "../state/use-task-list";
import { FilterBar } from "../ui/filter-bar";
import { Icon } from "../ui/icons";
import { QuickAdd } from "../ui/quick-add";
import { navigate, type Route, useLocation } from "../ui/router";
import { TaskEditor } from "../ui/task-editor";
import { TaskRow } from "../ui/task-row";

/** useNow ticks once a minute so "overdue" and "Today" stay true while the page stays open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** TasksScreen is the home screen: quick add, filters and the live task list; the editor opens over it. */
export function TasksScreen({ route }: { route: Extract<Route, { screen: "tasks" }> }) {
  const i18n = useI18n();
  const { timeZone } = useSession();
  const { search } = useLocation();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const list = useTaskList(filters);
  const actions = useTaskActions();
  const now = useNow();
  const [draft, setDraft] = useState<TaskForm | undefined>(undefined);
  const sentinel = useRef<HTMLDivElement>(null);

  const setFilters = (next: TaskFilters) => navigate(`/${filtersToSearch(next)}`, { replace: true });
  const closeEditor = () => {
    setDraft(undefined);
    navigate(`/${search}`);
  };
  const openDraft = (quick: QuickAddDraft) => {
    setDraft(formFromDraft(quick, timeZone));
    navigate(`/tasks/new${search}`);
  };

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !list.hasMore) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && list.loadMore(), {
      rootMargin: "400px",
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [list.hasMore, list.loadMore]);

  const filtered = activeFilterCount(filters) > 0 || filters.query.trim() !== "";

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{i18n.t("tasks.title")}</h1>
          {list.status === "ready" && (
            <p className="page-subtitle" aria-live="polite">
              {i18n.plural("tasks.count", list.tasks.length)}
              {list.hasMore ? "+" : ""}
            </p>
          )}
        </div>
        <button type="button" className="button primary" onClick={() => navigate(`/tasks/new${search}`)}>
          <Icon name="plus" size={18} />
          {i18n.t("tasks.newTask")}
        </button>
      </div>
      <QuickAdd onOpenEditor={openDraft} />
      <FilterBar filters={filters} onChange={setFilters} />
      {list.status === "loading" && (
        <div className="state-block" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {i18n.t("tasks.loading")}
        </div>
      )}
      {list.status === "error" && (
        <div className="state-block is-error" role="alert">
          <Icon name="alert" />
          <p>{list.error}</p>
          <button type="button" className="button" onClick={list.reload}>
            {i18n.t("common.retry")}
          </button>
        </div>
      )}
      {list.status === "ready" && list.tasks.length === 0 && (
        <div className="state-block empty" data-testid="tasks-empty">
          <Icon name="empty" size={40} />
          <h2>{filtered ? i18n.t("tasks.noMatches") : i18n.t("tasks.empty")}</h2>
          <p>{filtered ? i18n.t("tasks.noMatchesHint") : i18n.t("tasks.emptyHint")}</p>
          {filtered && (
            <button type="button" className="button" onClick={() => setFilters(defaultFilters)}>
              {i18n.t("filters.clear")}
            </button>
          )}
        </div>
      )}
      {list.status === "ready" && list.tasks.length > 0 && (
        <>
          <ul className="task-list" aria-label={i18n.t("tasks.title")} data-testid="task-list">
            {list.tasks.map((task) => (
              <TaskRow key={task.id} task={task} actions={actions} now={now} />
            ))}
          </ul>
          <div ref={sentinel} className="list-end">
            {list.hasMore ? (
              <button type="button" className="button ghost" onClick={list.loadMore} disabled={list.loadingMore}>
                {list.loadingMore ? i18n.t("tasks.loadingMore") : i18n.t("tasks.loadMore")}
              </button>
            ) : (
              list.tasks.length > 5 && <p className="hint">{i18n.t("tasks.end")}</p>
            )}
            {list.error && (
              <p className="form-error" role="alert">
                {list.error}
              </p>
            )}
          </div>
        </>
      )}
      {(route.taskId || route.creating) && (
        <TaskEditor
          key={route.taskId ?? "new"}
          taskId={route.taskId}
          initial={route.creating ? draft : undefined}
          onClose={closeEditor}
        />
      )}
    </>
  );
}
