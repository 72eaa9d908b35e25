import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "../domain/error-message";
import { useI18n } from "./i18n-context";
import { useSession } from "./session";

/** Loaded is a screen's data as it loads: `value` once ready, the error message if it failed. */
export interface Loaded<T> {
  value: T | undefined;
  status: "loading" | "ready" | "error";
  error: string | undefined;
  reload(): void;
}

/**
 * useLoaded runs `load` when its inputs change, and again (at most every 300 ms) when a task changes in
 * this tab or on another device, so Today, Upcoming and a project stay true as tasks move. A later load
 * wins over an earlier one.
 */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const { taskEvents } = useSession();
  const i18n = useI18n();
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;
  const [value, setValue] = useState<T | undefined>(undefined);
  const [status, setStatus] = useState<Loaded<T>["status"]>("loading");
  const [error, setError] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    void generation;
    const controller = new AbortController();
    load(controller.signal)
      .then((next) => {
        if (controller.signal.aborted) return;
        setValue(next);
        setStatus("ready");
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setStatus("error");
        setError(errorMessage(e, i18nRef.current));
      });
    return () => controller.abort();
  }, [load, generation]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    };
    const offChange = taskEvents.onChange(later);
    const offResync = taskEvents.onResync(reload);
    return () => {
      clearTimeout(timer);
      offChange();
      offResync();
    };
  }, [taskEvents, reload]);

  return { value, status, error, reload };
}
