import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useCallback, useEffect, useId, useState } from "react";
import type { PersonalAccessToken } from "../../../../../gen/todo/v1/token_service_pb";
import { type ScopeName, scopeName, tokenLifetimeDays, tokenScopes } from "../../../../../vocabulary/token-scopes";
import { describeError, errorMessage } from "../../domain/error-message";
import { fullLabel } from "../../domain/format-date";
import type { MessageKey } from "../../i18n/en";
import { useI18n } from "../../state/i18n-context";
import { useSession } from "../../state/session";
import { ActionButton, FormError, SubmitButton, TextField } from "../../ui/form-fields";
import { useToasts } from "../../ui/toasts";
import { useFormSubmit } from "../../ui/use-form-submit";
import { CopyButton } from "./copy-button";

/** The lifetimes offered, in days; the contract allows any from tokenLifetimeDays.min to .max. */
const lifetimes = [7, 30, tokenLifetimeDays.default, tokenLifetimeDays.max] as const;

const scopeLabel: Record<ScopeName, MessageKey> = {
  read: "connections.scopeRead",
  write: "connections.scopeWrite",
  delete: "connections.scopeDelete",
};

/** NewSecret shows a created token's secret once, to copy, until dismissed. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const i18n = useI18n();
  return (
    <div className="banner is-ok" role="status" data-testid="token-secret">
      <p>{i18n.t("connections.tokenCreated", { name })}</p>
      <TextField
        label={i18n.t("connections.tokenSecret")}
        value={secret}
        readOnly
        dir="ltr"
        data-testid="token-secret-value"
      />
      <div className="form-actions">
        <CopyButton text={secret} testId="token-copy" />
        <ActionButton className="button ghost" onClick={onDone} label={i18n.t("connections.tokenDone")} />
      </div>
    </div>
  );
}

/** TokenRow is one token in the list: its name, scopes, dates and a revoke button. */
function TokenRow({ token, onRevoke }: { token: PersonalAccessToken; onRevoke: () => Promise<void> }) {
  const i18n = useI18n();
  const { timeZone } = useSession();
  const [busy, setBusy] = useState(false);
  const when = (at: PersonalAccessToken["createdAt"]) => (at ? fullLabel(timestampDate(at), timeZone, i18n) : "");
  const scopes = token.scopes.flatMap((s) => {
    const name = scopeName(s);
    return name ? [i18n.t(scopeLabel[name])] : [];
  });
  return (
    <li className="token-row" data-testid="token-row" data-token-id={token.id}>
      <div>
        <strong dir="auto">{token.name}</strong> <code dir="ltr">{token.prefix}…</code>
        <p className="hint">
          {scopes.join(i18n.language === "ur" ? "، " : ", ")} ·{" "}
          {i18n.t("connections.tokenExpires", { when: when(token.expiresAt) })} ·{" "}
          {token.lastUsedAt
            ? i18n.t("connections.tokenLastUsed", { when: when(token.lastUsedAt) })
            : i18n.t("connections.tokenNeverUsed")}
        </p>
      </div>
      <ActionButton
        className="button ghost small"
        disabled={busy}
        aria-label={i18n.t("connections.tokenRevokeNamed", { name: token.name })}
        onClick={async () => {
          if (!window.confirm(i18n.t("connections.tokenRevokeConfirm", { name: token.name }))) return;
          setBusy(true);
          try {
            await onRevoke();
          } finally {
            setBusy(false);
          }
        }}
        label={i18n.t("connections.tokenRevoke")}
      />
    </li>
  );
}

/**
 * TokensSection manages personal access tokens for scripts and MCP clients: create (the secret is shown once, to
 * copy), list, revoke.
 */
export function TokensSection() {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const id = useId();
  const [tokens, setTokens] = useState<PersonalAccessToken[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ReadonlySet<ScopeName>>(new Set(["read", "write"]));
  const [days, setDays] = useState<number>(tokenLifetimeDays.default);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [nameProblem, setNameProblem] = useState<string | undefined>(undefined);
  const [created, setCreated] = useState<{ name: string; secret: string } | undefined>(undefined);

  const load = useCallback(() => {
    setLoadError(undefined);
    api.tokens
      .listPersonalAccessTokens({})
      .then((res) => setTokens(res.tokens))
      .catch((e: unknown) => setLoadError(errorMessage(e, i18n)));
  }, [api, i18n]);
  useEffect(load, [load]);

  const { busy, submit } = useFormSubmit(async () => {
    setProblem(undefined);
    setNameProblem(undefined);
    if (!name.trim()) {
      setNameProblem(i18n.t("connections.tokenNameRequired"));
      return;
    }
    if (scopes.size === 0) {
      setProblem(i18n.t("connections.tokenScopeRequired"));
      return;
    }
    try {
      const res = await api.tokens.createPersonalAccessToken({
        name: name.trim(),
        scopes: tokenScopes.filter((s) => scopes.has(s.name)).map((s) => s.value),
        expiresInDays: days,
      });
      setCreated({ name: name.trim(), secret: res.secret });
      setName("");
      load();
    } catch (e) {
      if (describeError(e).fields.includes("name")) setNameProblem(errorMessage(e, i18n));
      else setProblem(errorMessage(e, i18n));
    }
  });

  const revoke = async (token: PersonalAccessToken) => {
    try {
      await api.tokens.revokePersonalAccessToken({ tokenId: token.id });
      setTokens((list) => list?.filter((t) => t.id !== token.id));
      toasts.show({ tone: "success", message: i18n.t("connections.tokenRevoked", { name: token.name }) });
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    }
  };

  return (
    <section className="card form-card" aria-labelledby={`${id}-title`} data-testid="tokens-section">
      <h2 id={`${id}-title`}>{i18n.t("connections.tokensTitle")}</h2>
      <p className="hint">{i18n.t("connections.tokensIntro")}</p>
      {created && <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(undefined)} />}
      <form onSubmit={submit} data-testid="token-form">
        <FormError message={problem} />
        <TextField
          label={i18n.t("connections.tokenName")}
          value={name}
          onChange={setName}
          maxLength={100}
          problem={nameProblem}
          hint={i18n.t("connections.tokenNameHint")}
          dir="auto"
        />
        <fieldset className="fieldset">
          <legend>{i18n.t("connections.tokenScopes")}</legend>
          {tokenScopes.map(({ name: scope }) => (
            <label key={scope} className="check-field">
              <input
                type="checkbox"
                checked={scopes.has(scope)}
                data-scope={scope}
                onChange={(e) => {
                  const next = new Set(scopes);
                  if (e.target.checked) next.add(scope);
                  else next.delete(scope);
                  setScopes(next);
                }}
              />
              {i18n.t(scopeLabel[scope])}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-days`}>{i18n.t("connections.tokenLifetime")}</label>
          <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {lifetimes.map((d) => (
              <option key={d} value={d}>
                {i18n.plural("duration.days", d)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <SubmitButton busy={busy} label={i18n.t("connections.tokenCreate")} />
        </div>
      </form>
      <FormError message={loadError} />
      {tokens?.length === 0 && <p className="hint">{i18n.t("connections.tokensNone")}</p>}
      {tokens && tokens.length > 0 && (
        <ul className="row-list" aria-label={i18n.t("connections.tokensTitle")}>
          {tokens.map((token) => (
            <TokenRow key={token.id} token={token} onRevoke={() => revoke(token)} />
          ))}
        </ul>
      )}
    </section>
  );
}
