import { type Shortcut, shortcutKeys } from "../domain/shortcuts";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../state/i18n-context";
import { Dialog } from "./dialog";

const descriptions: Record<Shortcut, MessageKey> = {
  add: "shortcuts.add",
  search: "shortcuts.search",
  next: "shortcuts.next",
  previous: "shortcuts.previous",
  complete: "shortcuts.complete",
  edit: "shortcuts.edit",
  help: "shortcuts.help",
};

/** ShortcutHelp lists the task list's keyboard shortcuts (opened with "?"). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  return (
    <Dialog title={i18n.t("shortcuts.title")} onClose={onClose} testId="shortcut-help">
      <dl className="shortcut-list">
        {shortcutKeys.map(({ keys, action }) => (
          <div key={action} className="shortcut">
            <dt>
              {keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && ` ${i18n.t("shortcuts.or")} `}
                  <kbd dir="ltr">{key === "Space" ? i18n.t("shortcuts.space") : key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{i18n.t(descriptions[action])}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{i18n.t("shortcuts.listHint")}</p>
    </Dialog>
  );
}
