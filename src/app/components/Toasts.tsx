import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ToastContext, type ToastOptions, type Toaster } from "./toastContext";
import "./components.css";

interface Shown extends ToastOptions {
  id: number;
}

/**
 * Toasts announce through a polite live region and stay in the tab order, so an
 * "Undo" is reachable by keyboard. The timer pauses while the pointer or focus is
 * on a toast: nobody should lose an Undo while reaching for it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Shown[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback((o: ToastOptions) => {
    const id = next.current++;
    // At most two at once: a stack of stale notices would cover the content. A plain
    // notice makes room before a toast with an action does (nobody loses an Undo to "Saved").
    setToasts((ts) => {
      const next = [...ts, { ...o, id }];
      while (next.length > 2) {
        const plain = next.findIndex((t) => !t.action);
        next.splice(plain >= 0 && plain < next.length - 1 ? plain : 0, 1);
      }
      return next;
    });
    return id;
  }, []);
  const api = useMemo<Toaster>(() => ({ show, dismiss }), [show, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
        {toasts.map((t) => (
          <Toast key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function Toast({ toast, onDismiss }: { toast: Shown; onDismiss: () => void }) {
  const [paused, setPaused] = useState(false);
  const duration = toast.duration ?? (toast.action ? 8000 : 3000);
  useEffect(() => {
    if (paused || !Number.isFinite(duration)) return;
    const t = setTimeout(onDismiss, duration);
    return () => clearTimeout(t);
  }, [paused, duration, onDismiss]);
  return (
    <div
      className={`toast ${toast.tone === "error" ? "toast-error" : ""}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast-message">{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action?.onAction();
            onDismiss();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss notification" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
