import { useState } from "react";
import { useI18n } from "../../state/i18n-context";

/** CopyButton copies `text` to the clipboard and says so for a moment (announced to screen readers). */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const i18n = useI18n();
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
    setTimeout(() => setCopied(undefined), 2_000);
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()} data-testid={testId}>
        {i18n.t("connections.copy")}
      </button>
      <span role="status" className="hint">
        {copied === true && i18n.t("connections.copied")}
        {copied === false && i18n.t("connections.copyFailed")}
      </span>
    </>
  );
}
