import { type FormEvent, useId, useState } from "react";
import type { Api } from "../../api/api";
import { errorMessage } from "../../domain/error-message";
import { useI18n } from "../../state/i18n-context";
import { navigate } from "../../ui/router";
import { SignedOutFrame } from "./signed-out-frame";

/** ForgotPasswordScreen asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordScreen({ api }: { api: Api }) {
  const i18n = useI18n();
  const id = useId();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await api.auth.requestPasswordReset({ email: email.trim() });
      setSent(true);
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SignedOutFrame title={i18n.t("account.forgotTitle")}>
      {sent ? (
        <p className="banner is-ok" role="status" data-testid="reset-link-sent">
          {i18n.t("account.linkSent")}
        </p>
      ) : (
        <form onSubmit={submit} className="auth-form">
          <p className="hint">{i18n.t("account.forgotIntro")}</p>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-email`}>{i18n.t("auth.email")}</label>
            <input
              id={`${id}-email`}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              maxLength={254}
              autoComplete="email"
              dir="ltr"
            />
          </div>
          <button type="submit" className="button primary block" disabled={busy}>
            {busy ? i18n.t("auth.working") : i18n.t("account.sendLink")}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <button type="button" className="link-button" onClick={() => navigate("/")}>
          {i18n.t("account.backToSignIn")}
        </button>
      </p>
    </SignedOutFrame>
  );
}
