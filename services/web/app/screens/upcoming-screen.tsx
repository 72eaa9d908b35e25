import { useCallback } from "react";
import { parseLocalDate, startOfDay } from "../../../../vocabulary/time-zone";
import { whenLabel } from "../domain/format-date";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { LoadState } from "../ui/load-state";
import { TaskGroups } from "../ui/task-groups";

/** UpcomingScreen is ListUpcoming: overdue on top, then the next 14 days, one group per day in the user's zone. */
export function UpcomingScreen() {
  const i18n = useI18n();
  const { api, timeZone } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.filters.listUpcoming({ timeZone }, { signal }),
    [api, timeZone],
  );
  const upcoming = useLoaded(load);
  const value = upcoming.value;
  const now = new Date();
  const dayTitle = (date: string) => {
    const day = parseLocalDate(date);
    return day ? whenLabel(startOfDay(day, timeZone), true, now, timeZone, i18n) : date;
  };
  const empty = value && value.overdue.length === 0 && value.days.every((d) => d.tasks.length === 0);
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>{i18n.t("organise.upcoming")}</h1>
      </div>
      <LoadState loaded={upcoming} />
      {value && (
        <>
          <TaskGroups
            groups={[
              { key: "overdue", title: i18n.t("organise.overdue"), tasks: value.overdue, tone: "overdue" },
              ...value.days.map((day) => ({ key: day.date, title: dayTitle(day.date), tasks: day.tasks })),
            ]}
          />
          {empty && <p className="state-block empty">{i18n.t("organise.upcomingEmpty")}</p>}
          {value.truncated && <p className="hint">{i18n.t("organise.truncated")}</p>}
        </>
      )}
    </>
  );
}
