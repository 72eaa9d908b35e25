import { Code, ConnectError } from "@connectrpc/connect";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import type { Preferences } from "../../../../gen/todo/v1/notification_service_pb";
import { errorMessage } from "../domain/error-message";
import { utcOffsetLabel, zoneCity } from "../domain/format-date";
import { type Language, languages, toLanguage } from "../i18n/language";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { DigestSettings } from "../ui/digest-settings";
import { DisplayNameField, FormError, TextField } from "../ui/form-fields";
import { useToasts } from "../ui/toasts";
import { AccountSection } from "./account/account-section";

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
};

/** The reminder channels a user can turn on and off, in the order shown. */
const reminderChannels = [
  ["inAppEnabled", "profile.inAppReminders"],
  ["emailEnabled", "profile.emailReminders"],
] as const;

/** ProfileScreen edits display name, time zone and language, and the reminder delivery preferences. */
export function ProfileScreen() {
  const i18n = useI18n();
  const { api, user, setUser } = useSession();
  const toasts = useToasts();
  const id = useId();
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;
  const [displayName, setDisplayName] = useState(user.displayName);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [language, setLanguage] = useState<Language>(toLanguage(user.locale));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [zoneProblem, setZoneProblem] = useState<string | undefined>(undefined);
  const [prefs, setPrefs] = useState<Preferences | undefined | "unavailable">(undefined);
  const [prefsError, setPrefsError] = useState<string | undefined>(undefined);
  // Each zone with its offset now ("UTC+05:00"), so typing a city or an offset finds it.
  const allZones = useMemo(() => {
    const list = zones();
    const now = new Date();
    return (list.includes(user.timeZone) ? list : [user.timeZone, ...list]).map((zone) => ({
      zone,
      label: `${utcOffsetLabel(zone, now)} · ${zoneCity(zone)}`,
    }));
  }, [user.timeZone]);
  const knownZone = (zone: string) => allZones.some((z) => z.zone === zone);

  useEffect(() => {
    // The translator is read when the answer comes, not a reason to ask again.
    const i18n = i18nRef.current;
    api.notifications
      .getPreferences({})
      .then((res) => setPrefs(res.preferences))
      .catch((e: unknown) => {
        const code = ConnectError.from(e).code;
        if (code === Code.Unimplemented || code === Code.NotFound) setPrefs("unavailable");
        else setPrefsError(errorMessage(e, i18n));
      });
  }, [api]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!knownZone(timeZone)) {
      setZoneProblem(i18n.t("profile.timeZoneUnknown"));
      document.getElementById(`${id}-zone`)?.focus();
      return;
    }
    setZoneProblem(undefined);
    const paths: string[] = [];
    if (displayName.trim() !== user.displayName) paths.push("display_name");
    if (timeZone !== user.timeZone) paths.push("time_zone");
    if (language !== toLanguage(user.locale)) paths.push("locale");
    if (paths.length === 0) return;
    setSaving(true);
    setProblem(undefined);
    try {
      const res = await api.auth.updateMe({
        updateMask: { paths },
        displayName: displayName.trim(),
        timeZone,
        locale: language,
      });
      if (res.user) setUser(res.user);
      toasts.show({ tone: "success", message: i18n.t("profile.saved") });
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setSaving(false);
    }
  };

  /** savePrefs changes some preferences and sends them all (UpdatePreferences replaces the whole set). */
  const savePrefs = async (patch: Partial<Omit<Preferences, "$typeName">>) => {
    if (!prefs || prefs === "unavailable") return;
    const before = prefs;
    const next = { ...prefs, ...patch };
    setPrefs(next);
    try {
      const res = await api.notifications.updatePreferences({ preferences: next });
      setPrefs(res.preferences);
    } catch (e) {
      setPrefs(before);
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    }
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{i18n.t("profile.title")}</h1>
          <p className="page-subtitle">{i18n.t("profile.intro")}</p>
        </div>
      </div>
      <form className="card form-card" onSubmit={save} data-testid="profile-form">
        <FormError message={problem} />
        <TextField label={i18n.t("profile.email")} value={user.email} readOnly dir="ltr" />
        <DisplayNameField label={i18n.t("profile.displayName")} value={displayName} onChange={setDisplayName} />
        <div className="field">
          <label htmlFor={`${id}-zone`}>{i18n.t("profile.timeZone")}</label>
          <input
            id={`${id}-zone`}
            list={`${id}-zones`}
            value={timeZone}
            onChange={(e) => {
              setTimeZone(e.target.value);
              setZoneProblem(undefined);
            }}
            onFocus={(e) => e.target.select()}
            aria-describedby={`${zoneProblem ? `${id}-zone-problem ` : ""}${id}-zone-hint`}
            aria-invalid={zoneProblem ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
            data-testid="profile-zone"
          />
          <datalist id={`${id}-zones`}>
            {allZones.map(({ zone, label }) => (
              <option key={zone} value={zone}>
                {label}
              </option>
            ))}
          </datalist>
          {zoneProblem && (
            <p id={`${id}-zone-problem`} className="field-error">
              {zoneProblem}
            </p>
          )}
          <p id={`${id}-zone-hint`} className="hint">
            {i18n.t("profile.timeZoneHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>{i18n.t("profile.language")}</label>
          <select
            id={`${id}-language`}
            value={language}
            onChange={(e) => setLanguage(toLanguage(e.target.value))}
            data-testid="profile-language"
          >
            {languages.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? i18n.t("profile.saving") : i18n.t("profile.save")}
          </button>
        </div>
      </form>
      <section className="card form-card" aria-labelledby={`${id}-reminders`}>
        <h2 id={`${id}-reminders`}>{i18n.t("profile.reminders")}</h2>
        {prefs === "unavailable" && <p className="hint">{i18n.t("profile.remindersUnavailable")}</p>}
        {prefs === undefined && !prefsError && <p className="hint">{i18n.t("common.loading")}</p>}
        <FormError message={prefsError} />
        {prefs &&
          prefs !== "unavailable" &&
          reminderChannels.map(([key, label]) => (
            <label key={key} className="check-field">
              <input
                type="checkbox"
                checked={prefs[key]}
                onChange={(e) => void savePrefs({ [key]: e.target.checked })}
              />
              {i18n.t(label)}
            </label>
          ))}
      </section>
      {prefs && prefs !== "unavailable" && <DigestSettings prefs={prefs} save={savePrefs} />}
      <AccountSection />
    </>
  );
}
