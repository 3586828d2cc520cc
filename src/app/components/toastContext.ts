import { createContext, useContext } from "react";

export interface ToastAction {
  label: string;
  onAction: () => void;
}

export interface ToastOptions {
  message: string;
  action?: ToastAction;
  /** How long it stays, in ms; errors should stay until dismissed (Infinity). */
  duration?: number;
  tone?: "info" | "error";
}

export interface Toaster {
  show(options: ToastOptions): number;
  dismiss(id: number): void;
}

export const ToastContext = createContext<Toaster | null>(null);

export function useToast(): Toaster {
  const t = useContext(ToastContext);
  if (!t) throw new Error("useToast needs a <ToastProvider> above it");
  return t;
}
