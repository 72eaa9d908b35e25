import { useCallback } from "react";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { useOrganise } from "../state/use-projects";
import { LoadState } from "../ui/load-state";
import { TaskGroups } from "../ui/task-groups";

/** FilterScreen runs one saved filter on the server (ListFilteredTasks) and shows its query and tasks. */
export function FilterScreen({ filterId }: { filterId: string }) {
  const i18n = useI18n();
  const { api, timeZone } = useSession();
  const organise = useOrganise();
  const load = useCallback(
    (signal: AbortSignal) =>
      api.filters.listFilteredTasks(
        { source: { case: "savedFilterId", value: filterId }, timeZone, pageSize: 200 },
        { signal },
      ),
    [api, filterId, timeZone],
  );
  const loaded = useLoaded(load);
  const saved = organise.savedFilters.find((f) => f.id === filterId);
  const value = loaded.value;
  return (
    <>
      <div className="page-header">
        <div>
          <h1 tabIndex={-1} dir="auto">
            {saved?.name ?? i18n.t("organise.filters")}
          </h1>
          {value && (
            <p className="page-subtitle">
              <code dir="ltr" data-testid="filter-query">
                {value.canonical}
              </code>
            </p>
          )}
        </div>
      </div>
      <LoadState loaded={loaded} />
      {value && (
        <>
          <TaskGroups
            groups={[
              {
                key: "filter",
                title: i18n.t("organise.filters"),
                tasks: value.tasks,
                empty: i18n.t("organise.filterEmpty"),
              },
            ]}
          />
          {value.nextPageToken && <p className="hint">{i18n.t("organise.truncated")}</p>}
        </>
      )}
    </>
  );
}
