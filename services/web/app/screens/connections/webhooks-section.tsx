import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { useCallback, useEffect, useId, useState } from "react";
import {
  type WebhookDelivery,
  WebhookDeliveryStatus,
  type WebhookEndpoint,
} from "../../../../../gen/todo/v1/webhook_service_pb";
import { webhookEventTypes, webhookHistoryDays } from "../../../../../vocabulary/webhook-event-types";
import { describeError, errorMessage } from "../../domain/error-message";
import { fullLabel } from "../../domain/format-date";
import { useI18n } from "../../state/i18n-context";
import { useSession } from "../../state/session";
import { FormError, SubmitButton, TextField } from "../../ui/form-fields";
import { useToasts } from "../../ui/toasts";
import { useFormSubmit } from "../../ui/use-form-submit";
import { CopyButton } from "./copy-button";

/** localInputValue writes a date as a datetime-local input's value, in the browser's zone. */
const localInputValue = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** NewSecret shows a new endpoint's signing secret once, to copy, until dismissed. */
function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const i18n = useI18n();
  return (
    <div className="banner is-ok" role="status" data-testid="webhook-secret">
      <p>{i18n.t("connections.webhookCreated")}</p>
      <TextField
        label={i18n.t("connections.webhookSecret")}
        value={secret}
        readOnly
        dir="ltr"
        data-testid="webhook-secret-value"
      />
      <div className="form-actions">
        <CopyButton text={secret} testId="webhook-copy" />
        <button type="button" className="button ghost" onClick={onDone}>
          {i18n.t("connections.webhookDone")}
        </button>
      </div>
    </div>
  );
}

/** DeliveryRow is one line of the log: the event, where its delivery stands, and "send again". */
function DeliveryRow({ delivery, onRedeliver }: { delivery: WebhookDelivery; onRedeliver: () => Promise<void> }) {
  const i18n = useI18n();
  const { timeZone } = useSession();
  const [busy, setBusy] = useState(false);
  const when = (at: WebhookDelivery["createdAt"]) => (at ? fullLabel(timestampDate(at), timeZone, i18n) : "");
  const status =
    delivery.status === WebhookDeliveryStatus.SUCCEEDED
      ? i18n.t("connections.webhookStatusSucceeded")
      : delivery.status === WebhookDeliveryStatus.DEAD
        ? i18n.t("connections.webhookStatusDead")
        : delivery.attempts > 0
          ? i18n.t("connections.webhookStatusRetrying", { when: when(delivery.nextAttemptAt) })
          : i18n.t("connections.webhookStatusPending");
  const outcome = [delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : "", delivery.lastError]
    .filter(Boolean)
    .join(" · ");
  return (
    <tr data-testid="webhook-delivery" data-status={WebhookDeliveryStatus[delivery.status]}>
      <td>
        <code dir="ltr">{delivery.eventType}</code>
        <div className="hint">{when(delivery.createdAt)}</div>
      </td>
      <td>
        {status}
        {delivery.attemptHistory.length === 0 ? (
          <div className="hint">{i18n.t("connections.webhookAttempts", { count: String(delivery.attempts) })}</div>
        ) : (
          // Every kept attempt, newest first: when, the answer (or why it failed) and how long it took.
          <details className="hint" data-testid="webhook-attempts">
            <summary>{i18n.t("connections.webhookAttempts", { count: String(delivery.attempts) })}</summary>
            <ul>
              {delivery.attemptHistory.map((attempt) => (
                <li
                  key={`${attempt.attempt}-${attempt.attemptedAt?.seconds}-${attempt.attemptedAt?.nanos}`}
                  data-testid="webhook-attempt"
                  data-succeeded={attempt.succeeded}
                >
                  {i18n.t("connections.webhookAttemptLine", {
                    attempt: String(attempt.attempt),
                    when: when(attempt.attemptedAt),
                  })}{" "}
                  <span dir="ltr">
                    {[attempt.statusCode ? `HTTP ${attempt.statusCode}` : "", attempt.error, `${attempt.durationMs} ms`]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td dir="ltr" className="hint">
        {outcome}
      </td>
      <td>
        <button
          type="button"
          className="button ghost small"
          disabled={busy || delivery.status === WebhookDeliveryStatus.PENDING}
          aria-label={i18n.t("connections.webhookRedeliverNamed", { type: delivery.eventType })}
          onClick={async () => {
            setBusy(true);
            try {
              await onRedeliver();
            } finally {
              setBusy(false);
            }
          }}
        >
          {i18n.t("connections.webhookRedeliver")}
        </button>
      </td>
    </tr>
  );
}

/** DeliveryLog is one endpoint's log, newest first, with "show older", and replay since a time. */
function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const id = useId();
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | undefined>(undefined);
  const [next, setNext] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [since, setSince] = useState(() => localInputValue(new Date(Date.now() - 86_400_000)));

  const load = useCallback(
    (pageToken: string) => {
      setProblem(undefined);
      api.webhooks
        .listWebhookDeliveries({ endpointId: endpoint.id, pageSize: 20, pageToken })
        .then((res) => {
          setDeliveries((list) => (pageToken ? [...(list ?? []), ...res.deliveries] : res.deliveries));
          setNext(res.nextPageToken);
        })
        .catch((e: unknown) => setProblem(errorMessage(e, i18n)));
    },
    [api, endpoint.id, i18n],
  );
  useEffect(() => load(""), [load]);

  const redeliver = async (delivery: WebhookDelivery) => {
    try {
      const res = await api.webhooks.redeliverWebhook({ endpointId: endpoint.id, deliveryId: delivery.id });
      setDeliveries((list) => list?.map((d) => (d.id === delivery.id && res.delivery ? res.delivery : d)));
      toasts.show({ tone: "success", message: i18n.t("connections.webhookRedelivered") });
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    }
  };

  const replay = useFormSubmit(async () => {
    setProblem(undefined);
    const at = new Date(since);
    if (Number.isNaN(at.getTime())) {
      setProblem(i18n.t("connections.webhookReplayInvalid"));
      return;
    }
    try {
      const res = await api.webhooks.replayWebhookEvents({ endpointId: endpoint.id, since: timestampFromDate(at) });
      toasts.show({ tone: "success", message: i18n.t("connections.webhookReplayed", { count: String(res.queued) }) });
      load("");
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    }
  });

  return (
    <div className="webhook-log" data-testid="webhook-log">
      <form onSubmit={replay.submit} className="inline-form" data-testid="webhook-replay">
        <div className="field">
          <label htmlFor={`${id}-since`}>{i18n.t("connections.webhookReplaySince")}</label>
          <input
            id={`${id}-since`}
            type="datetime-local"
            value={since}
            onChange={(e) => setSince(e.target.value)}
            aria-describedby={`${id}-since-hint`}
            dir="ltr"
          />
          <p id={`${id}-since-hint`} className="hint">
            {i18n.t("connections.webhookReplayHint", { days: String(webhookHistoryDays) })}
          </p>
        </div>
        <div className="form-actions">
          <SubmitButton busy={replay.busy} label={i18n.t("connections.webhookReplay")} />
          <button type="button" className="button ghost" onClick={() => load("")}>
            {i18n.t("connections.webhookRefresh")}
          </button>
        </div>
      </form>
      <FormError message={problem} />
      {deliveries?.length === 0 && <p className="hint">{i18n.t("connections.webhookLogNone")}</p>}
      {deliveries && deliveries.length > 0 && (
        <div className="table-scroll">
          <table className="webhook-table">
            <caption className="visually-hidden">{i18n.t("connections.webhookLog")}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t("connections.webhookColumnEvent")}</th>
                <th scope="col">{i18n.t("connections.webhookColumnStatus")}</th>
                <th scope="col">{i18n.t("connections.webhookColumnAnswer")}</th>
                <th scope="col">
                  <span className="visually-hidden">{i18n.t("connections.webhookRedeliver")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} onRedeliver={() => redeliver(delivery)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button ghost small" onClick={() => load(next)}>
          {i18n.t("connections.webhookLogMore")}
        </button>
      )}
    </div>
  );
}

/** EndpointRow is one endpoint: its URL and event types, its delivery log (opened on demand), and remove. */
function EndpointRow({ endpoint, onDelete }: { endpoint: WebhookEndpoint; onDelete: () => Promise<void> }) {
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  const logId = useId();
  return (
    <li className="webhook-row" data-testid="webhook-row" data-endpoint-id={endpoint.id}>
      <div className="token-row">
        <div>
          <code dir="ltr" className="webhook-url">
            {endpoint.url}
          </code>
          <p className="hint" dir="ltr">
            {endpoint.eventTypes.join(", ")}
          </p>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button ghost small"
            aria-expanded={open}
            aria-controls={logId}
            onClick={() => setOpen(!open)}
          >
            {open ? i18n.t("connections.webhookLogHide") : i18n.t("connections.webhookLog")}
          </button>
          <button
            type="button"
            className="button ghost small"
            aria-label={i18n.t("connections.webhookDeleteNamed", { url: endpoint.url })}
            onClick={async () => {
              if (!window.confirm(i18n.t("connections.webhookDeleteConfirm", { url: endpoint.url }))) return;
              await onDelete();
            }}
          >
            {i18n.t("connections.webhookDelete")}
          </button>
        </div>
      </div>
      <div id={logId}>{open && <DeliveryLog endpoint={endpoint} />}</div>
    </li>
  );
}

/**
 * WebhooksSection manages webhook endpoints: add one (URL and event types; its signing secret is shown once),
 * list, remove, and per endpoint the delivery log with "send again" and replay since a time.
 */
export function WebhooksSection() {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const id = useId();
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [url, setUrl] = useState("");
  const [types, setTypes] = useState<ReadonlySet<string>>(new Set(["task.created", "task.completed"]));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [urlProblem, setUrlProblem] = useState<string | undefined>(undefined);
  const [secret, setSecret] = useState<string | undefined>(undefined);

  const load = useCallback(() => {
    setLoadError(undefined);
    api.webhooks
      .listWebhookEndpoints({})
      .then((res) => setEndpoints(res.endpoints))
      .catch((e: unknown) => setLoadError(errorMessage(e, i18n)));
  }, [api, i18n]);
  useEffect(load, [load]);

  const { busy, submit } = useFormSubmit(async () => {
    setProblem(undefined);
    setUrlProblem(undefined);
    if (!url.trim()) {
      setUrlProblem(i18n.t("connections.webhookUrlRequired"));
      return;
    }
    if (types.size === 0) {
      setProblem(i18n.t("connections.webhookEventsRequired"));
      return;
    }
    try {
      const res = await api.webhooks.createWebhookEndpoint({
        url: url.trim(),
        eventTypes: webhookEventTypes.map((entry) => entry.type).filter((type) => types.has(type)),
      });
      setSecret(res.secret);
      setUrl("");
      load();
    } catch (e) {
      if (describeError(e).fields.includes("url")) setUrlProblem(errorMessage(e, i18n));
      else setProblem(errorMessage(e, i18n));
    }
  });

  const remove = async (endpoint: WebhookEndpoint) => {
    try {
      await api.webhooks.deleteWebhookEndpoint({ id: endpoint.id });
      setEndpoints((list) => list?.filter((e) => e.id !== endpoint.id));
      toasts.show({ tone: "success", message: i18n.t("connections.webhookDeleted") });
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    }
  };

  return (
    <section className="card form-card" aria-labelledby={`${id}-title`} data-testid="webhooks-section">
      <h2 id={`${id}-title`}>{i18n.t("connections.webhooksTitle")}</h2>
      <p className="hint">{i18n.t("connections.webhooksIntro")}</p>
      {secret && <NewSecret secret={secret} onDone={() => setSecret(undefined)} />}
      <form onSubmit={submit} data-testid="webhook-form">
        <FormError message={problem} />
        <TextField
          label={i18n.t("connections.webhookUrl")}
          value={url}
          onChange={setUrl}
          type="url"
          inputMode="url"
          maxLength={2048}
          placeholder="https://example.com/hooks/taskmesh"
          problem={urlProblem}
          dir="ltr"
        />
        <fieldset className="fieldset event-type-grid">
          <legend>{i18n.t("connections.webhookEvents")}</legend>
          {webhookEventTypes.map(({ type }) => (
            <label key={type} className="check-field">
              <input
                type="checkbox"
                checked={types.has(type)}
                data-event-type={type}
                onChange={(e) => {
                  const next = new Set(types);
                  if (e.target.checked) next.add(type);
                  else next.delete(type);
                  setTypes(next);
                }}
              />
              <code dir="ltr">{type}</code>
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <SubmitButton busy={busy} label={i18n.t("connections.webhookCreate")} />
        </div>
      </form>
      <FormError message={loadError} />
      {endpoints?.length === 0 && <p className="hint">{i18n.t("connections.webhooksNone")}</p>}
      {endpoints && endpoints.length > 0 && (
        <ul className="row-list" aria-label={i18n.t("connections.webhooksTitle")}>
          {endpoints.map((endpoint) => (
            <EndpointRow key={endpoint.id} endpoint={endpoint} onDelete={() => remove(endpoint)} />
          ))}
        </ul>
      )}
    </section>
  );
}
