import { type ComponentType, type ReactElement, useEffect, useState } from "react";
import { useI18n } from "../state/i18n-context";
import { LoadState } from "./load-state";

/** ScreenLoader fetches a screen's chunk once; a failed fetch is forgotten, so a retry fetches it again. */
class ScreenLoader<P> {
  loaded: ComponentType<P> | undefined;
  private pending: Promise<ComponentType<P>> | undefined;
  constructor(private readonly load: () => Promise<ComponentType<P>>) {}

  fetch(): Promise<ComponentType<P>> {
    this.pending ??= this.load().then(
      (screen) => {
        this.loaded = screen;
        return screen;
      },
      (e: unknown) => {
        this.pending = undefined;
        throw e;
      },
    );
    return this.pending;
  }
}

function LazyLoaded<P extends object>({ loader, props }: { loader: ScreenLoader<P>; props: P }) {
  const i18n = useI18n();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [, setArrived] = useState(0);
  useEffect(() => {
    void attempt;
    if (loader.loaded) return;
    let live = true;
    loader.fetch().then(
      () => live && setArrived((n) => n + 1),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [loader, attempt]);
  const Screen = loader.loaded;
  if (Screen) return <Screen {...props} />;
  return (
    <LoadState
      loaded={{
        status: failed ? "error" : "loading",
        // A chunk that does not arrive is, from here, the connection: the offline message says what to do.
        error: i18n.t("errors.offline"),
        reload: () => {
          setFailed(false);
          setAttempt((n) => n + 1);
        },
      }}
    />
  );
}

/**
 * lazyScreen is a screen whose code loads on demand (its own chunk, fetched by a dynamic `import()` the
 * first time it is shown), so rarely used screens stay out of the script every visit downloads. While the
 * chunk loads it shows LoadState's "Loading…"; if the chunk fails (offline, a dropped connection) it shows
 * LoadState's error with a retry that fetches it again. Once loaded the component is kept for the session.
 *
 * Not React.lazy: a rejected lazy() stays rejected, so its error could never be retried without a reload.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => ReactElement {
  const loader = new ScreenLoader(load);
  return (props: P) => <LazyLoaded loader={loader} props={props} />;
}
