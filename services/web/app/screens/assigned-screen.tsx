import { useCallback } from "react";
import { TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { TaskSort } from "../../../../gen/todo/v1/task_service_pb";
import { byProject } from "../domain/assigned";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { useOrganise } from "../state/use-projects";
import { LoadState } from "../ui/load-state";
import { TaskGroups } from "../ui/task-groups";

/** Tasks read for the screen; more than this says so (as a project does). */
const pageSize = 200;

/**
 * AssignedScreen (/assigned) is the open tasks assigned to the user in every project they can see, their own
 * and shared ones (ListTasks assigned_to_me), soonest due first, one group per project named as the sidebar
 * names it. It reads again on every task change, so an assignment made by someone else shows at once.
 */
export function AssignedScreen() {
  const i18n = useI18n();
  const { api } = useSession();
  const organise = useOrganise();
  const load = useCallback(
    (signal: AbortSignal) =>
      api.tasks.listTasks({ assignedToMe: true, status: TaskStatus.OPEN, sort: TaskSort.DUE, pageSize }, { signal }),
    [api],
  );
  const assigned = useLoaded(load);
  const value = assigned.value;
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>{i18n.t("organise.assigned")}</h1>
      </div>
      <LoadState loaded={assigned} />
      {value && (
        <>
          <TaskGroups
            groups={byProject(value.tasks, organise.projects).map((g) => ({
              key: g.projectId,
              title: g.project?.inbox ? i18n.t("organise.inbox") : <span dir="auto">{g.project?.name ?? "…"}</span>,
              tasks: g.tasks,
            }))}
          />
          {value.tasks.length === 0 && (
            <p className="state-block empty" data-testid="assigned-empty">
              {i18n.t("organise.assignedEmpty")}
            </p>
          )}
          {value.nextPageToken && <p className="hint">{i18n.t("organise.truncated")}</p>}
        </>
      )}
    </>
  );
}
