import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { AuditEvent, VerifyAuditChainResponse } from "../../../../gen/todo/v1/audit_service_pb";
import { addDays, parseLocalDate, startOfDay } from "../../../../vocabulary/time-zone";
import { activityFacts } from "../domain/activity";
import { actorLabel, agentKinds } from "../domain/actor-label";
import { errorMessage, fieldLabel } from "../domain/error-message";
import { fullLabel } from "../domain/format-date";
import { en, type MessageKey } from "../i18n/en";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { Icon, type IconName } from "../ui/icons";
import { navigate, useLocation } from "../ui/router";

/** Event types the filter offers, by their message name in todo.events.v1. */
const eventTypes = [
  "TaskCreated",
  "TaskUpdated",
  "TaskCompleted",
  "TaskReopened",
  "TaskDeleted",
  "TaskRestored",
  "ReminderScheduled",
  "ReminderCancelled",
  "ReminderDelivered",
  "ReminderFailed",
  "RecurringTaskGenerated",
] as const;

const icons: Record<string, IconName> = {
  TaskCreated: "plus",
  TaskUpdated: "edit",
  TaskCompleted: "check",
  TaskReopened: "undo",
  TaskDeleted: "trash",
  TaskRestored: "undo",
  ReminderScheduled: "bell",
  ReminderCancelled: "bell",
  ReminderDelivered: "bell",
  ReminderFailed: "alert",
  RecurringTaskGenerated: "repeat",
};

const shortType = (eventType: string) => eventType.split(".").pop() ?? eventType;

type Load = { state: "loading" } | { state: "ready" } | { state: "error"; message: string } | { state: "unavailable" };

/**
 * ActivityScreen lists the caller's audit history with filters — with what happened in the projects shared with
 * them, or one project's tree alone (`?project=<id>`, the project header's link: every member's changes, named) —
 * and verifies its hash chain on request.
 */
export function ActivityScreen() {
  const i18n = useI18n();
  const { api, timeZone, taskEvents, user } = useSession();
  const projectId = new URLSearchParams(useLocation().search).get("project") ?? "";
  const project = useOrganise().projects.find((p) => p.id === projectId);
  const id = useId();
  const [type, setType] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [agentsOnly, setAgentsOnly] = useState(false);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState("");
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [verify, setVerify] = useState<{ busy: boolean; result?: VerifyAuditChainResponse; error?: string }>({
    busy: false,
  });
  const generation = useRef(0);

  const query = useCallback(
    (pageToken: string) => {
      const fromDay = parseLocalDate(from);
      const toDay = parseLocalDate(to);
      return api.audit.listAuditEvents({
        eventTypes: type ? [`todo.events.v1.${type}`] : [],
        occurredAfter: fromDay ? timestampFromDate(startOfDay(fromDay, timeZone)) : undefined,
        occurredBefore: toDay ? timestampFromDate(startOfDay(addDays(toDay, 1), timeZone)) : undefined,
        actorKinds: agentsOnly ? [...agentKinds] : [],
        projectId,
        includeShared: true,
        pageSize: 50,
        pageToken,
      });
    },
    [api, type, from, to, agentsOnly, timeZone, projectId],
  );

  const fetchPage = useCallback(
    async (pageToken: string) => {
      const mine = pageToken ? generation.current : ++generation.current;
      try {
        const res = await query(pageToken);
        if (mine !== generation.current) return;
        setEvents((list) => (pageToken ? [...list, ...res.events] : res.events));
        setNext(res.nextPageToken);
        setLoad({ state: "ready" });
      } catch (e) {
        if (mine !== generation.current) return;
        const code = ConnectError.from(e).code;
        setLoad(
          code === Code.Unimplemented || code === Code.NotFound
            ? { state: "unavailable" }
            : { state: "error", message: errorMessage(e, i18n) },
        );
      }
    },
    [query, i18n],
  );

  useEffect(() => {
    setLoad({ state: "loading" });
    void fetchPage("");
  }, [fetchPage]);

  // Live: a task change (this tab, another device, the assistant) is recorded by the audit service a
  // moment later, so the newest page is read again shortly after and its new records go on top.
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const refreshHead = async () => {
      const mine = generation.current;
      try {
        const res = await query("");
        if (mine !== generation.current) return;
        setEvents((list) => {
          const seen = new Set(list.map((e) => e.id));
          const fresh = res.events.filter((e) => !seen.has(e.id));
          return fresh.length > 0 ? [...fresh, ...list] : list;
        });
        setLoad((l) => (l.state === "loading" ? { state: "ready" } : l));
      } catch {
        // The next change or a reload tries again; a missed refresh is not worth an error banner.
      }
    };
    const later = (ms: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void refreshHead();
      }, ms);
      timers.add(timer);
    };
    const off = taskEvents.onChange(() => {
      later(400);
      later(1500);
      later(4000);
    });
    return () => {
      off();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [taskEvents, query]);

  const facts = activityFacts(events);

  const runVerify = async () => {
    setVerify({ busy: true });
    try {
      setVerify({ busy: false, result: await api.audit.verifyAuditChain({}) });
    } catch (e) {
      setVerify({ busy: false, error: errorMessage(e, i18n) });
    }
  };

  const label = (eventType: string) => {
    const key = `event.${shortType(eventType)}`;
    return i18n.t(key in en ? (key as MessageKey) : "event.other");
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1 dir="auto">
            {projectId ? i18n.t("activity.ofProject", { name: project?.name ?? "…" }) : i18n.t("activity.title")}
          </h1>
          <p className="page-subtitle">
            {i18n.t("activity.intro")}{" "}
            {projectId && (
              <a
                href="/activity"
                onClick={(e) => {
                  e.preventDefault();
                  navigate("/activity");
                }}
              >
                {i18n.t("activity.all")}
              </a>
            )}
          </p>
        </div>
        {load.state !== "unavailable" && (
          <button type="button" className="button" onClick={() => void runVerify()} disabled={verify.busy}>
            <Icon name="shield" size={18} />
            {verify.busy ? i18n.t("activity.verifying") : i18n.t("activity.verify")}
          </button>
        )}
      </div>
      {verify.result && (
        <p className={`banner ${verify.result.valid ? "is-ok" : "is-error"}`} role="status">
          {verify.result.valid
            ? i18n.plural("activity.verified", Number(verify.result.checked))
            : i18n.t("activity.broken", { sequence: String(verify.result.firstBrokenSequence) })}
        </p>
      )}
      {verify.error && (
        <p className="banner is-error" role="alert">
          {verify.error}
        </p>
      )}
      {load.state !== "unavailable" && (
        <section className="filters" aria-label={i18n.t("filters.label")}>
          <div className="filters-main">
            <div className="field inline">
              <label htmlFor={`${id}-type`}>{i18n.t("activity.type")}</label>
              <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
                <option value="">{i18n.t("activity.allTypes")}</option>
                {eventTypes.map((t) => (
                  <option key={t} value={t}>
                    {i18n.t(`event.${t}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field inline">
              <label htmlFor={`${id}-from`}>{i18n.t("activity.from")}</label>
              <input
                id={`${id}-from`}
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => setFrom(e.target.value)}
              />
            </div>
            <div className="field inline">
              <label htmlFor={`${id}-to`}>{i18n.t("activity.to")}</label>
              <input
                id={`${id}-to`}
                type="date"
                value={to}
                min={from || undefined}
                onChange={(e) => setTo(e.target.value)}
              />
            </div>
            <label className="check-field">
              <input
                type="checkbox"
                checked={agentsOnly}
                onChange={(e) => setAgentsOnly(e.target.checked)}
                data-testid="activity-agents-only"
              />
              {i18n.t("activity.agentsOnly")}
            </label>
          </div>
        </section>
      )}
      {load.state === "loading" && (
        <div className="state-block" role="status">
          <span className="spinner" aria-hidden="true" />
          {i18n.t("activity.loading")}
        </div>
      )}
      {load.state === "unavailable" && (
        <div className="state-block empty" data-testid="activity-unavailable">
          <Icon name="activity" size={40} />
          <p>{i18n.t("activity.unavailable")}</p>
        </div>
      )}
      {load.state === "error" && (
        <div className="state-block is-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={() => void fetchPage("")}>
            {i18n.t("common.retry")}
          </button>
        </div>
      )}
      {load.state === "ready" && events.length === 0 && (
        <div className="state-block empty">
          <Icon name="activity" size={40} />
          <p>{type || from || to || agentsOnly ? i18n.t("activity.noMatches") : i18n.t("activity.empty")}</p>
        </div>
      )}
      {load.state === "ready" && events.length > 0 && (
        <ol className="timeline" data-testid="activity-list">
          {events.map((event) => {
            const when = event.occurredAt ? timestampDate(event.occurredAt) : undefined;
            const fact = facts.get(event.id);
            const actor = actorLabel(event, user.id);
            return (
              <li key={event.id} className="timeline-item" data-testid="activity-item">
                <span className={`timeline-icon type-${shortType(event.eventType)}`} aria-hidden="true">
                  <Icon name={icons[shortType(event.eventType)] ?? "activity"} size={16} />
                </span>
                <div className="timeline-body">
                  <p>
                    <strong>{label(event.eventType)}</strong>
                    {fact?.reason && <> ({i18n.t(`activity.reason.${fact.reason}`)})</>}{" "}
                    {event.taskId ? (
                      <a
                        href={`/tasks/${event.taskId}`}
                        dir="auto"
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/tasks/${event.taskId}`);
                        }}
                      >
                        {fact?.title || i18n.t("activity.aTask")}
                      </a>
                    ) : (
                      <span dir="auto">{fact?.title}</span>
                    )}
                  </p>
                  {fact && fact.changed.length > 0 && (
                    <p className="timeline-detail" data-testid="activity-changed">
                      {i18n.t("activity.changed", {
                        fields: fact.changed.map((f) => fieldLabel(f, i18n)).join(i18n.language === "ur" ? "، " : ", "),
                      })}
                    </p>
                  )}
                  <p className="timeline-detail" data-testid="activity-actor" data-actor-kind={event.actorKind}>
                    <bdi>{i18n.t(actor.key, actor.vars)}</bdi>
                  </p>
                  {when && <time dateTime={when.toISOString()}>{fullLabel(when, timeZone, i18n)}</time>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {load.state === "ready" && next && (
        <div className="list-end">
          <button type="button" className="button ghost" onClick={() => void fetchPage(next)}>
            {i18n.t("activity.loadMore")}
          </button>
        </div>
      )}
    </>
  );
}
