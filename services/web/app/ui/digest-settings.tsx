import { useId, useState } from "react";
import type { Preferences } from "../../../../gen/todo/v1/notification_service_pb";
import { DIGEST_DEFAULT_TIME } from "../../../../vocabulary/reminders";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";

const languages: [string, MessageKey][] = [
  ["", "profile.digestLanguageProfile"],
  ["en", "profile.languageEnglish"],
  ["ur", "profile.languageUrdu"],
  ["roman-ur", "profile.languageRomanUrdu"],
];

/**
 * DigestSettings turns the daily digest email on or off and picks its local time and language. The time is saved
 * when the input is left (or Enter), not on every keystroke; native inputs keep it keyboard-reachable and RTL-safe.
 */
export function DigestSettings({
  prefs,
  save,
}: {
  prefs: Preferences;
  save: (patch: Partial<Pick<Preferences, "digestEnabled" | "digestTime" | "digestLanguage">>) => Promise<void>;
}) {
  const i18n = useI18n();
  const { timeZone } = useSession();
  const id = useId();
  const [time, setTime] = useState(prefs.digestTime || DIGEST_DEFAULT_TIME);
  const commitTime = () => {
    if (/^\d{2}:\d{2}$/.test(time) && time !== (prefs.digestTime || DIGEST_DEFAULT_TIME))
      void save({ digestTime: time });
  };
  return (
    <section className="card form-card" aria-labelledby={`${id}-digest`} data-testid="digest-settings">
      <h2 id={`${id}-digest`}>{i18n.t("profile.digest")}</h2>
      <label className="check-field">
        <input
          type="checkbox"
          checked={prefs.digestEnabled}
          onChange={(e) => void save({ digestEnabled: e.target.checked, digestTime: time })}
          data-testid="digest-enabled"
        />
        {i18n.t("profile.digestEnabled")}
      </label>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-time`}>{i18n.t("profile.digestTime")}</label>
          <input
            id={`${id}-time`}
            type="time"
            step={60}
            value={time}
            disabled={!prefs.digestEnabled}
            onChange={(e) => setTime(e.target.value)}
            onBlur={commitTime}
            onKeyDown={(e) => {
              if (e.key === "Enter") commitTime();
            }}
            aria-describedby={`${id}-hint`}
            data-testid="digest-time"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>{i18n.t("profile.digestLanguage")}</label>
          <select
            id={`${id}-language`}
            value={prefs.digestLanguage}
            disabled={!prefs.digestEnabled}
            onChange={(e) => void save({ digestLanguage: e.target.value })}
            data-testid="digest-language"
          >
            {languages.map(([value, key]) => (
              <option key={value} value={value}>
                {i18n.t(key)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-hint`} className="hint">
        {i18n.t("profile.digestHint", { zone: timeZone })}
      </p>
    </section>
  );
}
