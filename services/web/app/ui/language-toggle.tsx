import { useI18n } from "../state/i18n-context";
import { Icon } from "./icons";

/** LanguageToggle switches between English and Urdu; it is labelled with the other language, in that language. */
export function LanguageToggle({ onToggle, className }: { onToggle: () => void; className?: string }) {
  const i18n = useI18n();
  const other = i18n.language === "ur" ? "en" : "ur";
  return (
    <button
      type="button"
      className={className ? `button ghost small ${className}` : "button ghost small"}
      onClick={onToggle}
      lang={other}
      data-testid="language-toggle"
    >
      <Icon name="globe" size={16} />
      {other === "en" ? "English" : "اردو"}
    </button>
  );
}
