import { type DragEvent, useState } from "react";
import type { Task } from "../../../../gen/todo/v1/task_pb";
import { TaskChangeKind } from "../../../../gen/todo/v1/task_pb";
import { errorMessage } from "../domain/error-message";
import type { SectionGroup, SubtaskProgress } from "../domain/organise";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { navigate } from "./router";
import { useToasts } from "./toasts";

const noSection = "none";

/**
 * ProjectBoard shows a project's sections as columns. A card moves to another column by dragging it,
 * or from the keyboard with its "Move to" list; either way one MoveTask call (the server writes the
 * task's rank, never renumbers the column), and the screen reloads on the change.
 */
export function ProjectBoard({
  projectId,
  groups,
  progress,
}: {
  projectId: string;
  groups: SectionGroup[];
  progress: Map<string, SubtaskProgress>;
}) {
  const i18n = useI18n();
  const { api, taskEvents } = useSession();
  const toasts = useToasts();
  const [over, setOver] = useState<string | undefined>(undefined);
  const columnName = (g: SectionGroup) => g.section?.name ?? i18n.t("organise.noSection");

  const move = async (task: Task, sectionKey: string) => {
    if ((task.sectionId || noSection) === sectionKey) return;
    try {
      const { task: moved } = await api.tasks.moveTask({
        id: task.id,
        projectId,
        sectionId: sectionKey === noSection ? "" : sectionKey,
      });
      if (moved) taskEvents.emit({ kind: TaskChangeKind.MOVED, task: moved });
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    }
  };

  const all = groups.flatMap((g) => g.tasks);
  const onDrop = (event: DragEvent, key: string) => {
    event.preventDefault();
    setOver(undefined);
    const task = all.find((t) => t.id === event.dataTransfer.getData("text/plain"));
    if (task) void move(task, key);
  };

  return (
    <div className="board" data-testid="board">
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
              setOver(key);
            }}
            onDragLeave={() => setOver(undefined)}
            onDrop={(event) => onDrop(event, key)}
          >
            <h2 id={`column-${key}`} className="task-group-title" dir="auto">
              {columnName(group)}
              <span className="task-group-count">{group.tasks.length.toLocaleString(i18n.locale)}</span>
            </h2>
            <ul className="board-cards">
              {group.tasks.map((task) => {
                const counted = progress.get(task.id);
                return (
                  <li
                    key={task.id}
                    className="board-card"
                    draggable
                    data-testid="board-card"
                    data-task-id={task.id}
                    onDragStart={(event) => {
                      event.dataTransfer.setData("text/plain", task.id);
                      event.dataTransfer.effectAllowed = "move";
                    }}
                  >
                    <a
                      className="task-title"
                      href={`/tasks/${task.id}`}
                      dir="auto"
                      onClick={(event) => {
                        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                        event.preventDefault();
                        navigate(`/tasks/${task.id}`);
                      }}
                    >
                      {task.title}
                    </a>
                    {counted && (
                      <span className="meta subtask-progress">
                        <span aria-hidden="true">
                          {counted.done.toLocaleString(i18n.locale)}/{counted.total.toLocaleString(i18n.locale)}
                        </span>
                        <span className="visually-hidden">{i18n.t("organise.subtasks", { ...counted })}</span>
                      </span>
                    )}
                    <select
                      className="board-move"
                      value={key}
                      aria-label={i18n.t("organise.moveTo", { title: task.title })}
                      data-testid="board-move"
                      onChange={(event) => void move(task, event.target.value)}
                    >
                      {groups.map((g) => (
                        <option key={g.section?.id ?? noSection} value={g.section?.id ?? noSection}>
                          {columnName(g)}
                        </option>
                      ))}
                    </select>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
