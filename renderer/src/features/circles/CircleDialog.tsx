// A native modal <dialog> frame for the circles dialogs: focus trapped, Esc closes, a titled header.
import { useEffect, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';

export function CircleDialog({ title, titleId, className, onClose, footer, children }: { title: string; titleId: string; className?: string; onClose: () => void; footer: ReactNode; children: ReactNode }): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // Focus goes back where it was (the button that opened the dialog) when the dialog goes away.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    element.querySelector<HTMLElement>('input, textarea')?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={`dialog circle-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--quiet button--icon" aria-label="Close" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
      </div>
      <div className="dialog__body">{children}</div>
      <div className="dialog__footer">{footer}</div>
    </dialog>
  );
}
