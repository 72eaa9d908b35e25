import { useCallback, useEffect, useId, useState } from "react";
import type { CalendarFeed } from "../../../../../gen/todo/v1/calendar_service_pb";
import { errorMessage } from "../../domain/error-message";
import { useI18n } from "../../state/i18n-context";
import { useSession } from "../../state/session";
import { FormError, TextField } from "../../ui/form-fields";
import { useToasts } from "../../ui/toasts";
import { CopyButton } from "./copy-button";

/** CalendarSection shows the caller's secret calendar feed URL (all tasks), to copy or subscribe to, and regenerates it. */
export function CalendarSection() {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const id = useId();
  const [feed, setFeed] = useState<CalendarFeed | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setProblem(undefined);
    api.calendar
      .getCalendarFeed({})
      .then((res) => setFeed(res.feed))
      .catch((e: unknown) => setProblem(errorMessage(e, i18n)));
  }, [api, i18n]);
  useEffect(load, [load]);

  const regenerate = async () => {
    if (!window.confirm(i18n.t("connections.calendarRegenerateConfirm"))) return;
    setBusy(true);
    try {
      const res = await api.calendar.regenerateCalendarFeed({});
      setFeed(res.feed);
      toasts.show({ tone: "success", message: i18n.t("connections.calendarRegenerated") });
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form-card" aria-labelledby={`${id}-title`} data-testid="calendar-section">
      <h2 id={`${id}-title`}>{i18n.t("connections.calendarTitle")}</h2>
      <p className="hint">{i18n.t("connections.calendarIntro")}</p>
      <FormError message={problem} />
      {!feed && !problem && <p className="hint">{i18n.t("common.loading")}</p>}
      {feed && (
        <>
          <TextField
            label={i18n.t("connections.calendarUrl")}
            value={feed.url}
            readOnly
            dir="ltr"
            data-testid="calendar-url"
          />
          <div className="form-actions">
            <CopyButton text={feed.url} />
            <a className="button" href={feed.webcalUrl}>
              {i18n.t("connections.calendarSubscribe")}
            </a>
            <button type="button" className="button ghost" onClick={() => void regenerate()} disabled={busy}>
              {i18n.t("connections.calendarRegenerate")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
