import { useMemo } from "react";
import { type Task, TaskChangeKind } from "../../../../gen/todo/v1/task_pb";
import { errorMessage } from "../domain/error-message";
import { useToasts } from "../ui/toasts";
import { useI18n } from "./i18n-context";
import { useSession } from "./session";

/** TaskActions are the quick actions on a task; each reports its result as a toast (delete offers undo). */
export interface TaskActions {
  complete(task: Task): Promise<void>;
  reopen(task: Task): Promise<void>;
  remove(task: Task): Promise<void>;
}

export function useTaskActions(): TaskActions {
  const { api, taskEvents } = useSession();
  const i18n = useI18n();
  const toasts = useToasts();
  return useMemo(() => {
    const run = async (action: () => Promise<{ task?: Task }>, kind: TaskChangeKind): Promise<Task | undefined> => {
      try {
        const { task } = await action();
        if (task) taskEvents.emit({ kind, task });
        return task;
      } catch (e) {
        toasts.show({ tone: "error", message: errorMessage(e, i18n) });
        // A refused change (e.g. someone else changed it first) is followed by the current state.
        taskEvents.resync();
        return undefined;
      }
    };
    const restore = async (task: Task) => {
      const restored = await run(() => api.tasks.restoreTask({ id: task.id }), TaskChangeKind.RESTORED);
      if (restored) toasts.show({ tone: "success", message: i18n.t("task.restored", { title: restored.title }) });
    };
    // Undo of a completion: reopens the version the completion produced (a refusal shows as an error).
    const reopenQuietly = (task: Task) =>
      run(() => api.tasks.reopenTask({ id: task.id, expectedVersion: task.version }), TaskChangeKind.REOPENED);
    return {
      async complete(task) {
        const done = await run(
          () => api.tasks.completeTask({ id: task.id, expectedVersion: task.version }),
          TaskChangeKind.COMPLETED,
        );
        if (done) {
          toasts.show({
            tone: "success",
            message: i18n.t("task.completed", { title: done.title }),
            action: { label: i18n.t("task.undo"), run: () => void reopenQuietly(done) },
            durationMs: 10_000,
          });
        }
      },
      async reopen(task) {
        const open = await run(
          () => api.tasks.reopenTask({ id: task.id, expectedVersion: task.version }),
          TaskChangeKind.REOPENED,
        );
        if (open) toasts.show({ tone: "info", message: i18n.t("task.reopened", { title: open.title }) });
      },
      async remove(task) {
        const deleted = await run(
          () => api.tasks.deleteTask({ id: task.id, expectedVersion: task.version }),
          TaskChangeKind.DELETED,
        );
        if (deleted) {
          toasts.show({
            tone: "info",
            message: i18n.t("task.deleted", { title: deleted.title }),
            action: { label: i18n.t("task.undo"), run: () => void restore(deleted) },
            durationMs: 10_000,
          });
        }
      },
    };
  }, [api, taskEvents, toasts, i18n]);
}
