import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { TaskStatus } from "../../../../gen/todo/v1/task_pb";
import type { QuickAddDraft } from "../domain/chips";
import { type Shortcut, shortcutOf } from "../domain/shortcuts";
import {
  activeFilterCount,
  defaultFilters,
  filtersFromSearch,
  filtersToSearch,
  type TaskFilters,
} from "../domain/task-filters";
import { formFromDraft, projectOfDraft, type TaskForm } from "../domain/task-form";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useNow } from "../state/use-now";
import { useTaskActions } from "../state/use-task-actions";
import { useTaskList } from "../state/use-task-list";
import { FilterBar } from "../ui/filter-bar";
import { Icon } from "../ui/icons";
import { lazyScreen } from "../ui/lazy-screen";
import { LoadState } from "../ui/load-state";
import { QuickAdd } from "../ui/quick-add";
import { navigate, type Route, useLocation } from "../ui/router";
import { ShortcutHelp } from "../ui/shortcut-help";
import { TaskRow } from "../ui/task-row";

/** rowElement finds a task's row in the list. */
// The editor loads on demand with the first task opened or made (services/web/README.md, "Bundle budget").
const TaskEditor = lazyScreen(() => import("../ui/task-editor").then((m) => m.TaskEditor));

const rowElement = (list: HTMLElement | null, taskId: string | undefined) =>
  taskId ? list?.querySelector<HTMLElement>(`li[data-task-id="${taskId}"]`) : undefined;

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
  /** draftProject is where "More details" creates the task (its "+Project" chip), offering that project's assignees. */
  const [draftProject, setDraftProject] = useState<string | undefined>(undefined);
  const sentinel = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const activeIndex = useRef(0);
  const [helpOpen, setHelpOpen] = useState(false);

  const setFilters = (next: TaskFilters) => navigate(`/${filtersToSearch(next)}`, { replace: true });
  const closeEditor = () => {
    setDraft(undefined);
    navigate(`/${search}`);
  };
  const openDraft = (quick: QuickAddDraft) => {
    setDraft(formFromDraft(quick, timeZone));
    setDraftProject(projectOfDraft(quick));
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

  // The active row is the list's one Tab stop. When it leaves the list (completed out of "To do",
  // deleted, filtered away) its neighbour takes over, and keeps focus if the list had it.
  const rowIds = list.tasks.map((t) => t.id);
  const current =
    activeId && rowIds.includes(activeId) ? activeId : rowIds[Math.min(activeIndex.current, rowIds.length - 1)];
  useEffect(() => {
    if (!activeId || current === activeId) return;
    const hadFocus = !!listRef.current?.contains(document.activeElement) || document.activeElement === document.body;
    setActiveId(current);
    if (current && hadFocus) rowElement(listRef.current, current)?.focus();
  }, [current, activeId]);

  const focusRow = useCallback(
    (step: number) => {
      if (rowIds.length === 0) return;
      const at = current ? rowIds.indexOf(current) : -1;
      const inList = !!listRef.current?.contains(document.activeElement);
      const next = rowIds[Math.max(0, Math.min(rowIds.length - 1, inList ? at + step : Math.max(at, 0)))]!;
      rowElement(listRef.current, next)?.focus();
    },
    [rowIds, current],
  );

  const run = (shortcut: Shortcut) => {
    const task = list.tasks.find((t) => t.id === current);
    switch (shortcut) {
      case "add":
        document.getElementById("quick-add-input")?.focus();
        break;
      case "search":
        document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.focus();
        break;
      case "next":
        focusRow(1);
        break;
      case "previous":
        focusRow(-1);
        break;
      case "complete":
        // Only the row the user is on: from elsewhere, the first press selects the active row.
        if (!listRef.current?.contains(document.activeElement)) focusRow(0);
        // Not a viewer's task: its row's checkbox is disabled (state/members.ts useReadOnly), and so is the key.
        else if (
          task &&
          !rowElement(listRef.current, task.id)?.querySelector<HTMLInputElement>(".task-check input")?.disabled
        )
          void (task.status === TaskStatus.COMPLETED ? actions.reopen(task) : actions.complete(task));
        break;
      case "edit":
        if (task) navigate(`/tasks/${task.id}${search}`);
        break;
      case "help":
        setHelpOpen(true);
        break;
    }
  };
  const runRef = useRef(run);
  runRef.current = run;

  // Shortcuts work anywhere on the screen except while typing, and not behind an open dialog.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
      const target = event.target instanceof HTMLElement ? event.target : document.body;
      const shortcut = shortcutOf({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        target: {
          tagName: target.tagName,
          type: target instanceof HTMLInputElement ? target.type : undefined,
          isContentEditable: target.isContentEditable,
          onRow: !!target.closest('[data-testid="task-row"]'),
        },
      });
      // Inside the assistant panel or a popover, keys belong to it.
      if (!shortcut || target.closest(".chat-panel, .popover")) return;
      event.preventDefault();
      runRef.current(shortcut);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  /** Left and Right move between a row's own controls (mirrored in right-to-left). */
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight" && event.key !== "Home" && event.key !== "End") return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-testid="task-row"]');
    if (!row) return;
    event.preventDefault();
    if (event.key === "Home" || event.key === "End") {
      rowElement(listRef.current, event.key === "Home" ? rowIds[0] : rowIds.at(-1))?.focus();
      return;
    }
    const stops = [row, ...row.querySelectorAll<HTMLElement>("input, a, button")];
    const at = stops.indexOf(event.target as HTMLElement);
    const forward = (event.key === "ArrowRight") === (document.documentElement.dir !== "rtl");
    stops[Math.max(0, Math.min(stops.length - 1, at + (forward ? 1 : -1)))]?.focus();
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{i18n.t("tasks.title")}</h1>
          {list.status === "ready" && (
            <p className="page-subtitle" aria-live="polite" data-testid="task-count">
              {list.hasMore
                ? i18n.plural("tasks.countMore", list.tasks.length)
                : i18n.plural("tasks.count", list.tasks.length)}
            </p>
          )}
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="icon-button"
            onClick={() => setHelpOpen(true)}
            aria-label={i18n.t("shortcuts.title")}
            title={i18n.t("shortcuts.title")}
            data-testid="shortcuts-button"
          >
            <Icon name="keyboard" size={18} />
          </button>
          <button type="button" className="button primary" onClick={() => navigate(`/tasks/new${search}`)}>
            <Icon name="plus" size={18} />
            {i18n.t("tasks.newTask")}
          </button>
        </div>
      </div>
      <QuickAdd onOpenEditor={openDraft} />
      <FilterBar filters={filters} onChange={setFilters} />
      <LoadState loaded={list} loading="tasks.loading" />
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
          <ul
            className="task-list"
            aria-label={i18n.t("tasks.title")}
            aria-describedby="task-list-keys"
            data-testid="task-list"
            ref={listRef}
            onKeyDown={onListKey}
          >
            {list.tasks.map((task, index) => (
              <TaskRow
                key={task.id}
                task={task}
                now={now}
                active={task.id === current}
                onActivate={() => {
                  activeIndex.current = index;
                  setActiveId(task.id);
                }}
                onTag={(tag) => setFilters({ ...filters, tags: [tag] })}
              />
            ))}
          </ul>
          <p id="task-list-keys" className="visually-hidden">
            {i18n.t("shortcuts.listHint")}
          </p>
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
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
      {(route.taskId || route.creating) && (
        <TaskEditor
          key={route.taskId ?? "new"}
          taskId={route.taskId}
          initial={route.creating ? draft : undefined}
          projectId={route.creating ? draftProject : undefined}
          onClose={closeEditor}
        />
      )}
    </>
  );
}
