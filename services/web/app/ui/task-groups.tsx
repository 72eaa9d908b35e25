import { type KeyboardEvent, type ReactNode, useState } from "react";
import type { Task } from "../../../../gen/todo/v1/task_pb";
import type { SubtaskProgress } from "../domain/organise";
import { useI18n } from "../state/i18n-context";
import { useNow } from "../state/use-now";
import { navigate } from "./router";
import { TaskRow } from "./task-row";

/** TaskGroup is one titled run of tasks (a day, a section, "Overdue"). */
export interface TaskGroup {
  key: string;
  title: ReactNode;
  tasks: Task[];
  /** empty is said under the title when the group has no tasks; without it an empty group is not shown. */
  empty?: string;
  tone?: "overdue";
  /** depths indents subtasks shown under their parent (task id → level). */
  depths?: Map<string, number>;
  /** actions are the group's own controls, beside its heading (a section's rename, move, delete). */
  actions?: ReactNode;
}

/**
 * TaskGroups shows groups of task rows under headings. All rows form one Tab stop (roving tabindex);
 * ↑/↓ (and j/k) move between rows across groups, Enter opens the task in the editor.
 */
export function TaskGroups({ groups, progress }: { groups: TaskGroup[]; progress?: Map<string, SubtaskProgress> }) {
  const i18n = useI18n();
  const now = useNow();
  const ids = groups.flatMap((g) => g.tasks.map((t) => t.id));
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const current = activeId && ids.includes(activeId) ? activeId : ids[0];

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-testid="task-row"]');
    if (!row || event.target !== row) return;
    const step =
      event.key === "ArrowDown" || event.key === "j" ? 1 : event.key === "ArrowUp" || event.key === "k" ? -1 : 0;
    if (event.key === "Enter") {
      event.preventDefault();
      navigate(`/tasks/${row.dataset.taskId}`);
      return;
    }
    if (!step) return;
    event.preventDefault();
    const at = ids.indexOf(row.dataset.taskId ?? "");
    const next = ids[Math.max(0, Math.min(ids.length - 1, at + step))];
    event.currentTarget.querySelector<HTMLElement>(`li[data-task-id="${next}"]`)?.focus();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys bubble up from the focused row.
    <div className="task-groups" onKeyDown={onKey}>
      {groups
        .filter((g) => g.tasks.length > 0 || g.empty)
        .map((group) => (
          <section
            key={group.key}
            className={`task-group${group.tone ? ` is-${group.tone}` : ""}`}
            data-group={group.key}
          >
            <div className="task-group-header">
              <h2 className="task-group-title" id={`group-${group.key}`}>
                {group.title}
                <span className="task-group-count">
                  {group.tasks.filter((t) => !group.depths?.get(t.id)).length.toLocaleString(i18n.locale)}
                </span>
              </h2>
              {group.actions}
            </div>
            {group.tasks.length === 0 ? (
              <p className="hint">{group.empty}</p>
            ) : (
              <ul className="task-list" aria-labelledby={`group-${group.key}`} data-testid="task-list">
                {group.tasks.map((task) => (
                  <TaskRow
                    key={task.id}
                    task={task}
                    now={now}
                    active={task.id === current}
                    onActivate={() => setActiveId(task.id)}
                    onTag={(tag) => navigate(`/?tag=${encodeURIComponent(tag)}`)}
                    progress={progress?.get(task.id)}
                    depth={group.depths?.get(task.id)}
                  />
                ))}
              </ul>
            )}
          </section>
        ))}
    </div>
  );
}
