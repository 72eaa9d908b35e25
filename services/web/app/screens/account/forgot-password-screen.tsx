import { useState } from "react";
import type { Api } from "../../api/api";
import { errorMessage } from "../../domain/error-message";
import { useI18n } from "../../state/i18n-context";
import { EmailField, FormError, SubmitButton } from "../../ui/form-fields";
import { navigate } from "../../ui/router";
import { useFormSubmit } from "../../ui/use-form-submit";
import { SignedOutFrame } from "./signed-out-frame";

/** ForgotPasswordScreen asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordScreen({ api }: { api: Api }) {
  const i18n = useI18n();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const { busy, submit } = useFormSubmit(async () => {
    setProblem(undefined);
    try {
      await api.auth.requestPasswordReset({ email: email.trim() });
      setSent(true);
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    }
  });

  return (
    <SignedOutFrame title={i18n.t("account.forgotTitle")}>
      {sent ? (
        <p className="banner is-ok" role="status" data-testid="reset-link-sent">
          {i18n.t("account.linkSent")}
        </p>
      ) : (
        <form onSubmit={submit} className="auth-form">
          <p className="hint">{i18n.t("account.forgotIntro")}</p>
          <FormError message={problem} />
          <EmailField label={i18n.t("auth.email")} value={email} onChange={setEmail} />
          <SubmitButton busy={busy} label={i18n.t("account.sendLink")} className="button primary block" />
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
