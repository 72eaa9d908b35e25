import { timestampMs } from "@bufbuild/protobuf/wkt";
import { useCallback, useState } from "react";
import { type Task, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { TaskSort } from "../../../../gen/todo/v1/task_service_pb";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { LoadState } from "./load-state";
import { TaskGroups } from "./task-groups";
import "./completed-tasks.css";

/** Completed tasks read for the disclosure: ListTasks' largest page (there is no completion-time sort to page by). */
const completedReadSize = 200;
/** Rows shown at first and added by each "show more". */
const completedStep = 20;

const completedAt = (task: Task) => (task.completedAt ? timestampMs(task.completedAt) : 0);

/**
 * CompletedTasks is a project's completed top-level tasks under a "Completed (N)" disclosure, closed at
 * first and read only once opened: newest completion first, shown 20 at a time. Each row is the usual
 * task row, so its checkbox reopens the task (which then returns to the open list above).
 */
export function CompletedTasks({ projectId, count, more }: { projectId: string; count: number; more: boolean }) {
  const [open, setOpen] = useState(false);
  const i18n = useI18n();
  return (
    <details
      className="completed-tasks"
      data-testid="completed-tasks"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary data-testid="completed-toggle">
        {i18n.t("organise.completed", { count: `${count.toLocaleString(i18n.locale)}${more ? "+" : ""}` })}
      </summary>
      {open && <CompletedList projectId={projectId} />}
    </details>
  );
}

function CompletedList({ projectId }: { projectId: string }) {
  const i18n = useI18n();
  const { api } = useSession();
  const [shown, setShown] = useState(completedStep);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const { tasks, nextPageToken } = await api.tasks.listTasks(
        {
          projectId,
          status: TaskStatus.COMPLETED,
          topLevelOnly: true,
          sort: TaskSort.CREATED,
          pageSize: completedReadSize,
        },
        { signal },
      );
      // Newest completion first; the id breaks ties so the order is stable across reads.
      const sorted = [...tasks].sort((a, b) => completedAt(b) - completedAt(a) || a.id.localeCompare(b.id));
      return { tasks: sorted, truncated: !!nextPageToken };
    },
    [api, projectId],
  );
  const loaded = useLoaded(load);
  const value = loaded.value;
  if (!value) return <LoadState loaded={loaded} />;
  if (value.tasks.length === 0) {
    return (
      <p className="hint" data-testid="completed-empty">
        {i18n.t("organise.completedNone")}
      </p>
    );
  }
  return (
    <>
      <TaskGroups
        groups={[{ key: "completed", title: i18n.t("organise.completedNewest"), tasks: value.tasks.slice(0, shown) }]}
      />
      {shown < value.tasks.length ? (
        <button
          type="button"
          className="button small"
          data-testid="completed-more"
          onClick={() => setShown((n) => n + completedStep)}
        >
          {i18n.t("organise.completedMore")}
        </button>
      ) : (
        value.truncated && <p className="hint">{i18n.t("organise.completedTruncated")}</p>
      )}
    </>
  );
}
