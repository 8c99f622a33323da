// Brief, polite messages at the bottom of the window ("Check-in deleted · Undo"), announced to screen readers.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface ToastAction {
  readonly label: string;
  readonly run: () => void;
}

export interface ToastInput {
  readonly message: string;
  readonly tone?: 'info' | 'error';
  readonly action?: ToastAction;
  /** How long it stays, ms; actions get longer by default so there is time to reach them. */
  readonly durationMs?: number;
}

interface Toast extends ToastInput {
  readonly id: number;
}

interface ToastApi {
  readonly notify: (toast: ToastInput) => void;
  readonly dismiss: () => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }): ReactNode {
  const [toast, setToast] = useState<Toast | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const nextId = useRef(1);

  const dismiss = useCallback(() => {
    window.clearTimeout(timer.current);
    setToast(null);
  }, []);

  const notify = useCallback((input: ToastInput) => {
    window.clearTimeout(timer.current);
    const id = nextId.current++;
    setToast({ ...input, id });
    timer.current = window.setTimeout(() => setToast((current) => (current?.id === id ? null : current)), input.durationMs ?? (input.action ? 10_000 : 5_000));
  }, []);

  const api = useMemo(() => ({ notify, dismiss }), [notify, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {toast && (
          <div className={`toast${toast.tone === 'error' ? ' toast--error' : ''}`} key={toast.id}>
            <span>{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  toast.action?.run();
                  dismiss();
                }}
              >
                {toast.action.label}
              </button>
            )}
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts must be used inside <ToastProvider>');
  return api;
}
