import { useCallback } from "react";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { LoadState } from "../ui/load-state";
import { TaskGroups } from "../ui/task-groups";

/** TodayScreen is ListToday: overdue tasks on top, then what is due today in the user's zone. */
export function TodayScreen() {
  const i18n = useI18n();
  const { api, timeZone } = useSession();
  const load = useCallback((signal: AbortSignal) => api.filters.listToday({ timeZone }, { signal }), [api, timeZone]);
  const today = useLoaded(load);
  const value = today.value;
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>{i18n.t("organise.today")}</h1>
      </div>
      <LoadState loaded={today} />
      {value && (
        <>
          <TaskGroups
            groups={[
              { key: "overdue", title: i18n.t("organise.overdue"), tasks: value.overdue, tone: "overdue" },
              {
                key: "today",
                title: i18n.t("organise.today"),
                tasks: value.today,
                empty: value.overdue.length === 0 ? i18n.t("organise.todayEmpty") : undefined,
              },
            ]}
          />
          {value.truncated && <p className="hint">{i18n.t("organise.truncated")}</p>}
        </>
      )}
    </>
  );
}
