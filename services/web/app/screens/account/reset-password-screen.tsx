import { Code, ConnectError } from "@connectrpc/connect";
import { useState } from "react";
import type { Api } from "../../api/api";
import { describeError, errorMessage } from "../../domain/error-message";
import { useI18n } from "../../state/i18n-context";
import { NewPasswordField, SubmitButton } from "../../ui/form-fields";
import { navigate, useLocation } from "../../ui/router";
import { useFormSubmit } from "../../ui/use-form-submit";
import { SignedOutFrame } from "./signed-out-frame";

/**
 * ResetPasswordScreen is where a mailed reset link lands (/reset-password?id=…&token=…): it sets the new
 * password, which signs every device out, this one included.
 */
export function ResetPasswordScreen({ api }: { api: Api }) {
  const i18n = useI18n();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const [password, setPassword] = useState("");
  const [state, setState] = useState<"form" | "done" | "dead">("form");
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const { busy, submit } = useFormSubmit(async () => {
    setProblem(undefined);
    try {
      await api.auth.resetPassword({
        resetId: params.get("id") ?? "",
        token: params.get("token") ?? "",
        newPassword: password,
      });
      // Every session ended with the reset, so a stored one here is dead too.
      await api.signOut();
      setState("done");
    } catch (e) {
      const described = describeError(e);
      const code = ConnectError.from(e).code;
      if (code === Code.FailedPrecondition || described.fields.some((f) => f === "reset_id" || f === "token")) {
        setState("dead");
      } else if (described.fields.includes("new_password")) setProblem(i18n.t("auth.passwordHint"));
      else setProblem(errorMessage(e, i18n));
    }
  });

  return (
    <SignedOutFrame title={i18n.t("account.resetTitle")}>
      {state === "done" && (
        <p className="banner is-ok" role="status" data-testid="reset-done">
          {i18n.t("account.resetDone")}
        </p>
      )}
      {state === "dead" && (
        <>
          <p className="banner is-error" role="alert" data-testid="reset-dead">
            {i18n.t("account.resetDead")}
          </p>
          <button type="button" className="button block" onClick={() => navigate("/forgot-password")}>
            {i18n.t("account.requestNew")}
          </button>
        </>
      )}
      {state === "form" && (
        <form onSubmit={submit} className="auth-form">
          <NewPasswordField value={password} onChange={setPassword} problem={problem} />
          <SubmitButton busy={busy} label={i18n.t("account.resetSave")} className="button primary block" />
        </form>
      )}
      <p className="auth-switch">
        <button type="button" className="link-button" onClick={() => navigate("/", { replace: true })}>
          {i18n.t("account.backToSignIn")}
        </button>
      </p>
    </SignedOutFrame>
  );
}
