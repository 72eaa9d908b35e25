import { Code, ConnectError } from "@connectrpc/connect";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { User } from "../../../gen/todo/v1/user_pb";
import { createApi } from "./api/api";
import { SessionStore } from "./api/session-store";
import { errorMessage } from "./domain/error-message";
import type { MessageKey } from "./i18n/en";
import { type Language, toLanguage } from "./i18n/language";
import { isLoaded, loadLanguage, translator } from "./i18n/translate";
import { AuthScreen } from "./screens/auth-screen";
import { Shell } from "./shell";
import { I18nContext, useDocumentLanguage, useI18n } from "./state/i18n-context";
import { Icon } from "./ui/icons";
import { lazyScreen } from "./ui/lazy-screen";
import { useLocation } from "./ui/router";
import { ToastProvider, useToasts } from "./ui/toasts";

// The password reset pages are opened from a mailed link, rarely: they load on demand (services/web/README.md).
const ForgotPasswordScreen = lazyScreen(() =>
  import("./screens/account/forgot-password-screen").then((m) => m.ForgotPasswordScreen),
);
const ResetPasswordScreen = lazyScreen(() =>
  import("./screens/account/reset-password-screen").then((m) => m.ResetPasswordScreen),
);
// The page a mailed project invitation opens (/invitation?id=…&token=…), rarely: on demand too.
const InvitationScreen = lazyScreen(() => import("./screens/share/invitation-screen").then((m) => m.InvitationScreen));

const store = new SessionStore();
const api = createApi(store);
const languageKey = "taskmesh.language";

function initialLanguage(): Language {
  const saved = localStorage.getItem(languageKey);
  if (saved) return toLanguage(saved);
  return navigator.language.toLowerCase().startsWith("ur") ? "ur" : "en";
}

function Splash({ message, onRetry, retryLabel }: { message?: string; onRetry?: () => void; retryLabel?: string }) {
  return (
    <div className="splash" role={onRetry ? "alert" : "status"}>
      <span className="brand-mark" aria-hidden="true">
        <Icon name="check" size={22} />
      </span>
      {message && <p>{message}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}

/** Signed loads the profile for a stored session, then shows the shell in the profile's language. */
function Signed({
  language,
  chooseLanguage,
  notice,
  setNotice,
}: {
  language: Language;
  /** chooseLanguage shows a language once its dictionary is here; false if a later choice overtook it. */
  chooseLanguage: (l: Language) => Promise<boolean>;
  notice: MessageKey | undefined;
  setNotice: (k: MessageKey | undefined) => void;
}) {
  const i18n = useMemo(() => translator(language), [language]);
  const toasts = useToasts();
  const [session, setSession] = useState(() => store.get());
  const [user, setUser] = useState<User | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const signingOut = useRef(false);
  const { pathname } = useLocation();

  useEffect(
    () =>
      store.subscribe((next) => {
        setSession(next);
        if (!next) {
          setUser(undefined);
          setNotice(signingOut.current ? "auth.signedOut" : "auth.sessionEnded");
          signingOut.current = false;
        }
      }),
    [setNotice],
  );

  const loadProfile = useCallback(() => {
    setLoadError(undefined);
    api.auth
      .getMe({})
      .then((res) => setUser(res.user))
      .catch((e: unknown) => {
        if (ConnectError.from(e).code === Code.Unauthenticated) store.clear();
        else setLoadError(errorMessage(e, i18n));
      });
  }, [i18n]);

  // The profile loads once per signed-in user; a language switch (a new loadProfile) is no reason to
  // load it again, so the effect reads the latest loader through a ref.
  const load = useRef(loadProfile);
  load.current = loadProfile;
  const userId = session?.userId;
  const loaded = user !== undefined;
  useEffect(() => {
    if (userId && !loaded) load.current();
  }, [userId, loaded]);

  // A dictionary that does not arrive is, from here, the connection: the current language stays and the
  // offline message says so (read through a ref: a language switch is no reason to choose again).
  const offline = useRef(() => toasts.show({ tone: "error", message: i18n.t("errors.offline") }));
  offline.current = () => toasts.show({ tone: "error", message: i18n.t("errors.offline") });

  // The profile's language wins whenever it changes (another device may have changed it).
  const locale = user?.locale;
  useEffect(() => {
    if (locale !== undefined) chooseLanguage(toLanguage(locale)).catch(() => offline.current());
  }, [locale, chooseLanguage]);

  // The switch waits for the other dictionary (Urdu is fetched on first use); the profile is saved once it shows.
  const toggleLanguage = useCallback(() => {
    const next: Language = language === "ur" ? "en" : "ur";
    chooseLanguage(next).then(
      (switched) => {
        if (!switched || !user) return;
        api.auth
          .updateMe({ updateMask: { paths: ["locale"] }, locale: next })
          .then((res) => res.user && setUser(res.user))
          .catch((e: unknown) => toasts.show({ tone: "error", message: errorMessage(e, translator(next)) }));
      },
      () => offline.current(),
    );
  }, [language, user, chooseLanguage, toasts]);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    await api.signOut();
  }, []);

  // A mailed reset link opens here whoever is signed in: resetting signs every device out anyway.
  if (pathname === "/reset-password") return <ResetPasswordScreen api={api} />;
  if (!session && pathname === "/forgot-password") return <ForgotPasswordScreen api={api} />;
  if (!session) {
    return (
      <AuthScreen
        api={api}
        notice={notice ? i18n.t(notice) : pathname === "/invitation" ? i18n.t("share.signInFirst") : undefined}
        onToggleLanguage={toggleLanguage}
        onSignedIn={(signedIn) => {
          setNotice(undefined);
          setUser(signedIn);
        }}
      />
    );
  }
  if (!user) {
    return loadError ? (
      <Splash message={loadError} onRetry={loadProfile} retryLabel={i18n.t("common.retry")} />
    ) : (
      <Splash message={i18n.t("app.loading")} />
    );
  }
  // A mailed invitation link: signing in keeps this address, so the visitor comes back here to answer it.
  if (pathname === "/invitation") return <InvitationScreen api={api} />;
  return <Shell api={api} user={user} setUser={setUser} signOut={signOut} onToggleLanguage={toggleLanguage} />;
}

/** LanguageUnreachable says once, with the offline message, that the stored language could not be fetched. */
function LanguageUnreachable() {
  const toasts = useToasts();
  const i18n = useI18n();
  const said = useRef(false);
  useEffect(() => {
    if (said.current) return;
    said.current = true;
    toasts.show({ tone: "error", message: i18n.t("errors.offline") });
  }, [toasts, i18n]);
  return null;
}

/**
 * App is the root: language (with <html lang dir>), toasts, and signed-out or signed-in views. English is in
 * the entry script; Urdu is its own chunk, so an Urdu reader's first paint waits for it (the brand mark, no
 * English words meanwhile). If it cannot be fetched the app starts in English (not stored) and says so.
 */
export function App() {
  const [language, setLanguage] = useState<Language | undefined>(() => {
    const wanted = initialLanguage();
    return isLoaded(wanted) ? wanted : undefined;
  });
  const [unreachable, setUnreachable] = useState(false);
  const [notice, setNotice] = useState<MessageKey | undefined>(undefined);
  const i18n = useMemo(() => translator(language ?? "en"), [language]);
  useDocumentLanguage(i18n);
  useEffect(() => {
    if (language) return;
    const wanted = initialLanguage();
    loadLanguage(wanted).then(
      () => setLanguage(wanted),
      () => {
        setUnreachable(true);
        setLanguage("en");
      },
    );
  }, [language]);
  // The latest choice wins: a profile's language arriving while the toggle's dictionary loads is not undone.
  const latest = useRef<Language | undefined>(undefined);
  const chooseLanguage = useCallback(async (next: Language) => {
    latest.current = next;
    await loadLanguage(next);
    if (latest.current !== next) return false;
    setLanguage(next);
    localStorage.setItem(languageKey, next);
    return true;
  }, []);
  if (!language) return <Splash />;
  return (
    <I18nContext.Provider value={i18n}>
      <ToastProvider>
        {unreachable && <LanguageUnreachable />}
        <Signed language={language} chooseLanguage={chooseLanguage} notice={notice} setNotice={setNotice} />
      </ToastProvider>
    </I18nContext.Provider>
  );
}
