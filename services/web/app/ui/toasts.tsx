import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "../state/i18n-context";
import { Icon, type IconName } from "./icons";

type ToastTone = "info" | "success" | "error" | "reminder";

interface ToastInput {
  tone: ToastTone;
  message: string;
  title?: string;
  action?: { label: string; run: () => void };
  /** durationMs before it goes by itself; reminders and errors stay longer. */
  durationMs?: number;
}

interface Toast extends ToastInput {
  id: number;
}

interface Toaster {
  show(toast: ToastInput): number;
  dismiss(id: number): void;
}

const ToastContext = createContext<Toaster>({ show: () => 0, dismiss: () => undefined });

/** useToasts shows short messages: confirmations with undo, errors, live reminders. */
export const useToasts = (): Toaster => useContext(ToastContext);

const icons: Record<ToastTone, IconName> = { info: "sparkle", success: "check", error: "alert", reminder: "bell" };
const defaultDuration: Record<ToastTone, number> = { info: 6000, success: 4000, error: 9000, reminder: 20_000 };

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const i18n = useI18n();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dismissLater = useRef(onDismiss);
  dismissLater.current = onDismiss;
  const start = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => dismissLater.current(), toast.durationMs ?? defaultDuration[toast.tone]);
  }, [toast]);
  const pause = () => clearTimeout(timer.current);
  useEffect(() => {
    start();
    return () => clearTimeout(timer.current);
  }, [start]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hover and focus only pause the auto-dismiss timer (WCAG 2.2.1, timing adjustable); the toast's controls are its buttons
    <div
      className={`toast toast-${toast.tone}`}
      role={toast.tone === "error" ? "alert" : "status"}
      onMouseEnter={pause}
      onMouseLeave={start}
      onFocus={pause}
      onBlur={start}
      data-testid={`toast-${toast.tone}`}
    >
      <span className="toast-icon">
        <Icon name={icons[toast.tone]} size={18} />
      </span>
      <div className="toast-body">
        {toast.title && <strong className="toast-title">{toast.title}</strong>}
        <span dir="auto">{toast.message}</span>
      </div>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action!.run();
            onDismiss();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button toast-close"
        onClick={onDismiss}
        aria-label={i18n.t("common.dismiss")}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}

/** ToastProvider renders the live region toasts appear in (bottom, at the end side of the reading direction). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const toaster = useMemo<Toaster>(
    () => ({
      show(toast) {
        const id = next.current++;
        setToasts((list) => [...list.slice(-3), { ...toast, id }]);
        return id;
      },
      dismiss,
    }),
    [dismiss],
  );
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <section className="toasts" aria-label={i18n.t("common.notifications")}>
        {toasts.map((toast) => (
          <ToastView key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
        ))}
      </section>
    </ToastContext.Provider>
  );
}
