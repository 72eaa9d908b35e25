import { useId, useState } from "react";
import { describeError, errorMessage } from "../../domain/error-message";
import type { MessageKey } from "../../i18n/en";
import { useI18n } from "../../state/i18n-context";
import { useSession } from "../../state/session";
import { ActionButton, CurrentPasswordField, FormError, NewPasswordField, SubmitButton } from "../../ui/form-fields";
import { useToasts } from "../../ui/toasts";
import { useFormSubmit } from "../../ui/use-form-submit";

type Problems = Partial<Record<"current_password" | "new_password" | "password" | "form", string>>;

/**
 * useAccountForm submits `action` one at a time; when the call is refused, the message for each field it
 * names (from `fieldMessages`) goes next to that field, or, when it names none, the error goes above the form.
 */
function useAccountForm(action: () => Promise<void>, fieldMessages: Partial<Record<keyof Problems, MessageKey>>) {
  const i18n = useI18n();
  const [problems, setProblems] = useState<Problems>({});
  const { busy, submit } = useFormSubmit(async () => {
    setProblems({});
    try {
      await action();
    } catch (e) {
      const found: Problems = {};
      for (const field of describeError(e).fields) {
        const key = fieldMessages[field as keyof Problems];
        if (key) found[field as keyof Problems] = i18n.t(key);
      }
      setProblems(Object.keys(found).length > 0 ? found : { form: errorMessage(e, i18n) });
    }
  });
  return { busy, submit, problems };
}

/** VerifyEmailNotice tells an unverified user no email reaches them yet, and mails the link again on request. */
function VerifyEmailNotice() {
  const i18n = useI18n();
  const { api } = useSession();
  const [state, setState] = useState<"idle" | "busy" | "sent">("idle");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const resend = async () => {
    setState("busy");
    setProblem(undefined);
    try {
      await api.auth.resendVerificationEmail({});
      setState("sent");
    } catch (e) {
      setProblem(errorMessage(e, i18n));
      setState("idle");
    }
  };
  return (
    <div className="banner is-info" data-testid="verify-email-notice">
      <p>{i18n.t("account.unverified")}</p>
      {state === "sent" ? (
        <p role="status">{i18n.t("account.resent")}</p>
      ) : (
        <ActionButton
          className="button small"
          onClick={resend}
          disabled={state === "busy"}
          label={i18n.t("account.resend")}
        />
      )}
      <FormError message={problem} />
    </div>
  );
}

/** ChangePasswordForm changes the password; every other device is signed out and this one gets a new session. */
function ChangePasswordForm() {
  const i18n = useI18n();
  const { api, user } = useSession();
  const toasts = useToasts();
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const same = next === current;
  const { busy, submit, problems } = useAccountForm(
    async () => {
      const res = await api.auth.changePassword({ currentPassword: current, newPassword: next });
      api.signIn(res.tokens, user.id);
      setCurrent("");
      setNext("");
      toasts.show({ tone: "success", message: i18n.t("account.passwordChanged") });
    },
    {
      current_password: same ? "account.samePassword" : "account.wrongPassword",
      new_password: same ? "account.samePassword" : "auth.passwordHint",
    },
  );

  return (
    <form className="card form-card" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="change-password">
      <h2 id={`${id}-title`}>{i18n.t("account.changePassword")}</h2>
      <FormError message={problems.form} />
      <CurrentPasswordField value={current} onChange={setCurrent} problem={problems.current_password} />
      <NewPasswordField value={next} onChange={setNext} problem={problems.new_password} />
      <div className="form-actions">
        <SubmitButton busy={busy} label={i18n.t("account.changePassword")} />
      </div>
    </form>
  );
}

/** DeleteAccountForm asks for the password, then deletes the account and everything in it and signs out. */
function DeleteAccountForm({ onKeep }: { onKeep: () => void }) {
  const i18n = useI18n();
  const { api, signOut } = useSession();
  const toasts = useToasts();
  const [password, setPassword] = useState("");
  const { busy, submit, problems } = useAccountForm(
    async () => {
      await api.auth.deleteAccount({ password });
      localStorage.removeItem("taskmesh.hasAccount");
      toasts.show({ tone: "success", message: i18n.t("account.deleted") });
      await signOut();
    },
    { password: "account.wrongPassword" },
  );

  return (
    <form onSubmit={submit}>
      <FormError message={problems.form} />
      <CurrentPasswordField
        label={i18n.t("account.deletePassword")}
        value={password}
        onChange={setPassword}
        problem={problems.password}
      />
      <div className="form-actions">
        <ActionButton className="button" onClick={onKeep} disabled={busy} label={i18n.t("account.keep")} />
        <SubmitButton busy={busy} label={i18n.t("account.deleteConfirm")} className="button danger" />
      </div>
    </form>
  );
}

/** DeleteAccount says what deleting the account does and opens the form that does it (Keep closes it again). */
function DeleteAccount() {
  const i18n = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="card form-card" aria-labelledby={`${id}-title`} data-testid="delete-account">
      <h2 id={`${id}-title`}>{i18n.t("account.delete")}</h2>
      <p className="hint">{i18n.t("account.deleteIntro")}</p>
      {open ? (
        <DeleteAccountForm onKeep={() => setOpen(false)} />
      ) : (
        <div className="form-actions">
          <ActionButton className="button danger" onClick={() => setOpen(true)} label={i18n.t("account.delete")} />
        </div>
      )}
    </section>
  );
}

/** AccountSection is the profile's account part: verification, password and deletion. */
export function AccountSection() {
  const { user } = useSession();
  return (
    <>
      {!user.emailVerified && <VerifyEmailNotice />}
      <ChangePasswordForm />
      <DeleteAccount />
    </>
  );
}
