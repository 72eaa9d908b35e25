import { type Task, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { useI18n } from "../state/i18n-context";
import { useReadOnly } from "../state/members";
import { useSession } from "../state/session";
import { useTaskActions } from "../state/use-task-actions";
import { AssigneeAvatar } from "./assignee-avatar";
import { Icon } from "./icons";
import { navigate } from "./router";
import { taskLabels } from "./task-labels";

/**
 * TaskRow is one task in the list: a checkbox to complete, the title to open, its facts (tags filter the
 * list), and quick actions. The row is the list's one Tab stop when it is the active row (roving
 * tabindex); its own controls are reached with the arrow keys, so they are out of the Tab order.
 */
export function TaskRow({
  task,
  now,
  active,
  onActivate,
  onTag,
  progress,
  depth = 0,
}: {
  task: Task;
  now: Date;
  active: boolean;
  onActivate: () => void;
  onTag: (tag: string) => void;
  /** progress is how many of the task's subtasks are done, shown as "2/5" when it has any. */
  progress?: { done: number; total: number };
  /** depth indents a subtask under its parent (0 = top level). */
  depth?: number;
}) {
  const i18n = useI18n();
  const { timeZone } = useSession();
  const actions = useTaskActions();
  const done = task.status === TaskStatus.COMPLETED;
  // A viewer of the task's shared project sees it as it is: no completing, no deleting (the editor is read only).
  const readOnly = useReadOnly(task.projectId);
  const labels = taskLabels(task, now, timeZone, i18n);
  const href = `/tasks/${task.id}`;
  return (
    <li
      className={`task-row${done ? " is-done" : ""}${labels.due?.overdue ? " is-overdue" : ""}${depth > 0 ? " is-subtask" : ""}`}
      style={depth > 0 ? { marginInlineStart: `${depth * 28}px` } : undefined}
      data-depth={depth > 0 ? depth : undefined}
      data-testid="task-row"
      data-task-id={task.id}
      data-status={done ? "completed" : "open"}
      tabIndex={active ? 0 : -1}
      aria-labelledby={`title-${task.id}`}
      onFocus={onActivate}
    >
      <label className="task-check">
        <input
          type="checkbox"
          checked={done}
          onChange={() => void (done ? actions.reopen(task) : actions.complete(task))}
          disabled={readOnly}
          tabIndex={-1}
          aria-label={i18n.t(done ? "task.markOpen" : "task.markDone", { title: task.title })}
        />
        <span className="task-check-box" aria-hidden="true">
          <Icon name="check" size={14} />
        </span>
      </label>
      <div className="task-main">
        <a
          id={`title-${task.id}`}
          className="task-title"
          href={href}
          tabIndex={-1}
          dir="auto"
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey) return;
            event.preventDefault();
            navigate(`${href}${location.search}`);
          }}
        >
          {task.title}
        </a>
        {task.description && (
          <p className="task-description" dir="auto">
            {task.description}
          </p>
        )}
        <div className="task-meta">
          <AssigneeAvatar task={task} />
          {labels.due && (
            <span
              className={`meta meta-due${labels.due.overdue ? " is-overdue" : ""}`}
              data-testid="task-due"
              data-due={labels.due.iso}
            >
              <Icon name="calendar" size={14} />
              <span className="visually-hidden">{i18n.t(labels.due.overdue ? "task.overdue" : "task.due")}: </span>
              {labels.due.text}
              {labels.due.zone && (
                <span className="meta-zone" data-testid="task-zone">
                  {" "}
                  ({labels.due.zone})
                </span>
              )}
              {labels.due.overdue && <span className="meta-flag">{i18n.t("task.overdue")}</span>}
            </span>
          )}
          {progress && (
            <span className="meta subtask-progress" data-testid="subtask-progress">
              <Icon name="list" size={14} />
              <span aria-hidden="true">
                {progress.done.toLocaleString(i18n.locale)}/{progress.total.toLocaleString(i18n.locale)}
              </span>
              <span className="visually-hidden">{i18n.t("organise.subtasks", { ...progress })}</span>
            </span>
          )}
          {labels.priority !== "none" && (
            <span
              className={`meta priority priority-${labels.priority}`}
              data-testid="task-priority"
              data-priority={labels.priority}
            >
              <Icon name="flag" size={14} />
              <span className="visually-hidden">{i18n.t("priority.label")}: </span>
              {i18n.t(`priority.${labels.priority}`)}
            </span>
          )}
          {labels.repeat && (
            <span className="meta" data-testid="task-repeat">
              <Icon name="repeat" size={14} />
              <span className="visually-hidden">{i18n.t("task.repeats")}: </span>
              {labels.repeat}
            </span>
          )}
          {labels.reminder && (
            <span className="meta">
              <Icon name="bell" size={14} />
              <span className="visually-hidden">{i18n.t("task.reminder")}: </span>
              {labels.reminder}
            </span>
          )}
          {task.tags.length > 0 && (
            <span className="tags">
              <span className="visually-hidden">{i18n.t("task.tags")}: </span>
              {task.tags.map((tag) => (
                <button
                  key={tag}
                  type="button"
                  className="tag"
                  data-testid="task-tag"
                  data-tag={tag}
                  dir="auto"
                  tabIndex={-1}
                  onClick={() => onTag(tag)}
                  title={i18n.t("task.filterByTag")}
                >
                  #{tag}
                  <span className="visually-hidden"> ({i18n.t("task.filterByTag")})</span>
                </button>
              ))}
            </span>
          )}
        </div>
      </div>
      <div className="task-actions">
        <button
          type="button"
          className="icon-button"
          tabIndex={-1}
          onClick={() => navigate(`${href}${location.search}`)}
          aria-label={i18n.t("task.editNamed", { title: task.title })}
          title={i18n.t("task.edit")}
        >
          <Icon name="edit" size={18} />
        </button>
        {!readOnly && (
          <button
            type="button"
            className="icon-button danger"
            tabIndex={-1}
            onClick={() => void actions.remove(task)}
            aria-label={i18n.t("task.deleteNamed", { title: task.title })}
            title={i18n.t("task.delete")}
          >
            <Icon name="trash" size={18} />
          </button>
        )}
      </div>
    </li>
  );
}
