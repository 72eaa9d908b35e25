import { type DragEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Section } from "../../../../gen/todo/v1/project_pb";
import type { Task } from "../../../../gen/todo/v1/task_pb";
import { TaskChangeKind, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { type BoardColumn, type BoardMove, boardKey, dropMove, keyMove } from "../domain/arrange";
import { errorMessage } from "../domain/error-message";
import type { SectionGroup, SubtaskProgress } from "../domain/organise";
import { useI18n } from "../state/i18n-context";
import { useReadOnly } from "../state/members";
import { useSession } from "../state/session";
import { AssigneeAvatar } from "./assignee-avatar";
import { navigate } from "./router";
import { SectionActions } from "./section-tools";
import { useToasts } from "./toasts";
import "./organise-tools.css";

const noSection = "none";

/**
 * ProjectBoard shows a project's sections as columns. A card moves by dragging it onto another card
 * (it lands right before that card) or onto a column's free space (at its end), or from the keyboard:
 * Alt+↑/↓ within its column, Alt+←/→ to the neighbouring column (mirrored in Urdu), or its "Move to"
 * list. Every move is one MoveTask naming the neighbour (the server writes that task's rank only), the
 * screen reloads on the change, and a live region says where the card went.
 */
export function ProjectBoard({
  projectId,
  groups,
  progress,
  tasks,
  sections,
  onSectionsChanged,
}: {
  projectId: string;
  groups: SectionGroup[];
  progress: Map<string, SubtaskProgress>;
  /** tasks are all the project's tasks read for the screen (for each card's open subtasks). */
  tasks: readonly Task[];
  sections: readonly Section[];
  onSectionsChanged: () => void;
}) {
  const i18n = useI18n();
  const { api, taskEvents } = useSession();
  const toasts = useToasts();
  // A viewer's board shows the cards where they are: nothing to drag, no "Move to", no section tools.
  const readOnly = useReadOnly(projectId);
  const [over, setOver] = useState<string | undefined>(undefined);
  const [said, setSaid] = useState("");
  const refocus = useRef<string | undefined>(undefined);
  const board = useRef<HTMLDivElement>(null);
  const columnName = (key: string) =>
    groups.find((g) => (g.section?.id ?? noSection) === key)?.section?.name ?? i18n.t("organise.noSection");
  const columns: BoardColumn[] = groups.map((g) => ({
    key: g.section?.id ?? noSection,
    taskIds: g.tasks.map((t) => t.id),
  }));
  const all = groups.flatMap((g) => g.tasks);

  // After a keyboard move the card is drawn again in its new place: focus follows it there.
  useEffect(() => {
    const id = refocus.current;
    if (!id) return;
    // Once the user has gone elsewhere, the card no longer pulls focus back.
    const active = document.activeElement;
    if (active && active !== document.body && !board.current?.contains(active)) {
      refocus.current = undefined;
      return;
    }
    const link = board.current?.querySelector<HTMLElement>(`[data-task-id="${id}"] .task-title`);
    if (link && document.activeElement !== link) link.focus();
  });

  const move = async (task: Task, to: BoardMove) => {
    try {
      const { task: moved } = await api.tasks.moveTask({
        id: task.id,
        projectId,
        sectionId: to.column === noSection ? "" : to.column,
        beforeId: to.beforeId ?? "",
        afterId: to.afterId ?? "",
        expectedVersion: task.version,
      });
      if (moved) taskEvents.emit({ kind: TaskChangeKind.MOVED, task: moved });
      setSaid(i18n.t("arrange.cardMoved", { title: task.title, column: columnName(to.column) }));
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
      taskEvents.resync();
    }
  };

  const onDrop = (event: DragEvent, column: string, onTaskId?: string) => {
    event.preventDefault();
    event.stopPropagation();
    setOver(undefined);
    const task = all.find((t) => t.id === event.dataTransfer.getData("text/plain"));
    const to = task && dropMove(columns, task.id, column, onTaskId);
    if (task && to) void move(task, to);
  };

  const onCardKey = (event: KeyboardEvent, task: Task) => {
    if (readOnly) return;
    if ((event.target as HTMLElement).tagName === "SELECT") return;
    const key = boardKey(event, document.documentElement.dir === "rtl");
    if (!key) return;
    event.preventDefault();
    const to = keyMove(columns, task.id, key);
    if (!to) return;
    refocus.current = task.id;
    void move(task, to);
  };

  const openSubtasks = (parentId: string) =>
    tasks
      .filter((t) => t.parentId === parentId && !t.deleted && t.status !== TaskStatus.COMPLETED)
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));

  return (
    <>
      {!readOnly && (
        <p id="board-help" className="hint board-help">
          {i18n.t("arrange.boardHelp")}
        </p>
      )}
      <div className="board" data-testid="board" ref={board}>
        {groups.map((group) => {
          const key = group.section?.id ?? noSection;
          return (
            <section
              key={key}
              className={`board-column${over === key ? " is-over" : ""}`}
              data-column={key}
              aria-labelledby={`column-${key}`}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
                setOver(key);
              }}
              onDragLeave={(event) => {
                if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(undefined);
              }}
              onDrop={(event) => onDrop(event, key)}
            >
              <div className="board-column-header">
                <h2 id={`column-${key}`} className="task-group-title" dir="auto">
                  {columnName(key)}
                  <span className="task-group-count">{group.tasks.length.toLocaleString(i18n.locale)}</span>
                </h2>
                {group.section && !readOnly && (
                  <SectionActions
                    section={group.section}
                    sections={sections}
                    taskCount={group.tasks.length}
                    onChanged={onSectionsChanged}
                    across
                  />
                )}
              </div>
              <ul className="row-list board-cards">
                {group.tasks.map((task) => {
                  const counted = progress.get(task.id);
                  const subtasks = openSubtasks(task.id);
                  return (
                    <li
                      key={task.id}
                      className="board-card"
                      draggable={!readOnly}
                      data-testid="board-card"
                      data-task-id={task.id}
                      onDragStart={(event) => {
                        event.dataTransfer.setData("text/plain", task.id);
                        event.dataTransfer.effectAllowed = "move";
                        refocus.current = undefined;
                      }}
                      onDragOver={(event) => {
                        event.preventDefault();
                        event.dataTransfer.dropEffect = "move";
                        setOver(key);
                      }}
                      onDrop={(event) => onDrop(event, key, task.id)}
                      onKeyDown={(event) => onCardKey(event, task)}
                    >
                      <a
                        className="task-title"
                        href={`/tasks/${task.id}`}
                        dir="auto"
                        aria-describedby={readOnly ? undefined : "board-help"}
                        onClick={(event) => {
                          if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                          event.preventDefault();
                          navigate(`/tasks/${task.id}`);
                        }}
                      >
                        {task.title}
                      </a>
                      <AssigneeAvatar task={task} />
                      {counted && (
                        <span className="meta subtask-progress" data-testid="subtask-progress">
                          <span aria-hidden="true">
                            {counted.done.toLocaleString(i18n.locale)}/{counted.total.toLocaleString(i18n.locale)}
                          </span>
                          <span className="visually-hidden">{i18n.t("organise.subtasks", { ...counted })}</span>
                        </span>
                      )}
                      {subtasks.length > 0 && (
                        <ul className="board-subtasks" data-testid="board-subtasks">
                          {subtasks.map((sub) => (
                            <li key={sub.id} dir="auto">
                              {sub.title}
                            </li>
                          ))}
                        </ul>
                      )}
                      {!readOnly && (
                        <select
                          className="board-move"
                          value={key}
                          aria-label={i18n.t("organise.moveTo", { title: task.title })}
                          data-testid="board-move"
                          onChange={(event) => {
                            const to = dropMove(columns, task.id, event.target.value);
                            if (to) void move(task, to);
                          }}
                        >
                          {columns.map((c) => (
                            <option key={c.key} value={c.key}>
                              {columnName(c.key)}
                            </option>
                          ))}
                        </select>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="board-said">
        {said}
      </p>
    </>
  );
}
