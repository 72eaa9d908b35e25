import type { MessageKey } from "../i18n/en";
import { useI18n } from "../state/i18n-context";
import type { Loaded } from "../state/use-loaded";
import { Icon } from "./icons";

/**
 * LoadState says a screen is loading (`loading`, "Loading…" by default; only while it has nothing to show)
 * or failed (with a retry); it shows nothing once ready.
 */
export function LoadState({
  loaded,
  loading = "common.loading",
}: {
  loaded: Pick<Loaded<unknown>, "status" | "error" | "reload"> & { value?: unknown };
  loading?: MessageKey;
}) {
  const i18n = useI18n();
  if (loaded.status === "loading" && loaded.value === undefined)
    return (
      <div className="state-block" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {i18n.t(loading)}
      </div>
    );
  if (loaded.status === "error")
    return (
      <div className="state-block is-error" role="alert">
        <Icon name="alert" />
        <p>{loaded.error}</p>
        <button type="button" className="button" onClick={loaded.reload}>
          {i18n.t("common.retry")}
        </button>
      </div>
    );
  return null;
}
