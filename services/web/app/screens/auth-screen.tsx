import { Code } from "@connectrpc/connect";
import { useEffect, useId, useRef, useState } from "react";
import type { User } from "../../../../gen/todo/v1/user_pb";
import type { Api } from "../api/api";
import { errorMessage } from "../domain/error-message";
import { useDocumentTitle, useI18n } from "../state/i18n-context";
import { DisplayNameField, EmailField, PasswordField, SubmitButton } from "../ui/form-fields";
import { Icon } from "../ui/icons";
import { LanguageToggle } from "../ui/language-toggle";
import { navigate } from "../ui/router";
import { useFormSubmit } from "../ui/use-form-submit";

type Mode = "signIn" | "signUp";

/** browserTimeZone is the zone the browser runs in, UTC when unknown. */
const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** AuthScreen signs people in or creates their account (with the browser's zone and the chosen language). */
export function AuthScreen({
  api,
  notice,
  onSignedIn,
  onToggleLanguage,
}: {
  api: Api;
  notice?: string;
  onSignedIn: (user: User) => void;
  onToggleLanguage: () => void;
}) {
  const i18n = useI18n();
  const id = useId();
  const [mode, setMode] = useState<Mode>(() => (localStorage.getItem("taskmesh.hasAccount") ? "signIn" : "signUp"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const problemRef = useRef<HTMLParagraphElement>(null);
  // A refused sign-in moves focus to what went wrong, so it is read out and nothing seems to "do nothing".
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);
  useDocumentTitle(mode === "signIn" ? i18n.t("auth.signIn") : i18n.t("auth.signUp"));

  const { busy, submit } = useFormSubmit(async () => {
    setProblem(undefined);
    try {
      const res =
        mode === "signUp"
          ? await api.auth.register({
              email: email.trim(),
              password,
              displayName: displayName.trim(),
              timeZone: browserTimeZone(),
              locale: i18n.language,
            })
          : await api.auth.login({ email: email.trim(), password });
      if (!res.user) throw new Error("no user in response");
      api.signIn(res.tokens, res.user.id);
      localStorage.setItem("taskmesh.hasAccount", "1");
      onSignedIn(res.user);
    } catch (e) {
      setProblem(
        errorMessage(
          e,
          i18n,
          mode === "signIn"
            ? { [Code.Unauthenticated]: "auth.badCredentials" }
            : { [Code.AlreadyExists]: "auth.emailTaken" },
        ),
      );
    }
  });

  const switchMode = () => {
    setMode(mode === "signIn" ? "signUp" : "signIn");
    setProblem(undefined);
  };

  return (
    <div className="auth-layout">
      <section className="auth-hero" aria-labelledby={`${id}-brand`}>
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="check" size={22} />
          </span>
          <span id={`${id}-brand`} className="brand-name">
            {i18n.t("app.name")}
          </span>
        </div>
        <p className="auth-tagline">{i18n.t("app.tagline")}</p>
        <ul className="auth-features">
          <li>
            <Icon name="sparkle" />
            {i18n.t("auth.feature1")}
          </li>
          <li>
            <Icon name="chat" />
            {i18n.t("auth.feature2")}
          </li>
          <li>
            <Icon name="bell" />
            {i18n.t("auth.feature3")}
          </li>
        </ul>
      </section>
      <main className="auth-main" id="main">
        <div className="auth-card card">
          <div className="auth-card-top">
            <h1>{mode === "signIn" ? i18n.t("auth.signInTitle") : i18n.t("auth.signUpTitle")}</h1>
            <LanguageToggle onToggle={onToggleLanguage} />
          </div>
          {notice && !problem && (
            <p className="banner is-info" role="status">
              {notice}
            </p>
          )}
          {problem && (
            <p className="form-error" role="alert" data-testid="auth-error" tabIndex={-1} ref={problemRef}>
              {problem}
            </p>
          )}
          <form onSubmit={submit} className="auth-form">
            {mode === "signUp" && (
              <DisplayNameField label={i18n.t("auth.displayName")} value={displayName} onChange={setDisplayName} />
            )}
            <EmailField label={i18n.t("auth.email")} value={email} onChange={setEmail} />
            <PasswordField
              label={i18n.t("auth.password")}
              value={password}
              onChange={setPassword}
              minLength={mode === "signUp" ? 8 : 1}
              autoComplete={mode === "signUp" ? "new-password" : "current-password"}
              hint={mode === "signUp" ? i18n.t("auth.passwordHint") : undefined}
            />
            <SubmitButton
              busy={busy}
              label={mode === "signIn" ? i18n.t("auth.signIn") : i18n.t("auth.signUp")}
              className="button primary block"
            />
          </form>
          {mode === "signIn" && (
            <p className="auth-switch">
              <button type="button" className="link-button" onClick={() => navigate("/forgot-password")}>
                {i18n.t("account.forgot")}
              </button>
            </p>
          )}
          <p className="auth-switch">
            {mode === "signIn" ? i18n.t("auth.noAccount") : i18n.t("auth.haveAccount")}{" "}
            <button type="button" className="link-button" onClick={switchMode} data-testid="auth-switch">
              {mode === "signIn" ? i18n.t("auth.toSignUp") : i18n.t("auth.toSignIn")}
            </button>
          </p>
        </div>
      </main>
    </div>
  );
}
