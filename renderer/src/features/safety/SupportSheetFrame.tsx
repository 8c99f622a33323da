// The Support sheet's frame: a modal dialog titled "Support" with a close button, opened over whatever is
// on screen (a draft behind it is kept) and giving focus back when it closes. Used by the app's Support
// sheet and by the one on the lock screen.
import { useEffect, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';

export interface SupportSheetFrameProps {
  readonly titleId: string;
  readonly intro: string;
  /** Move focus to the title on opening (off when the sheet opens scrolled to a section, which takes it). */
  readonly focusTitle: boolean;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

export function SupportSheetFrame({ titleId, intro, focusTitle, onClose, children }: SupportSheetFrameProps): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    if (focusTitle) element.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      element.close();
      before?.focus();
    };
    // Opened once; later requests only scroll (the content handles those).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog support-sheet"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId} tabIndex={-1}>
          Support
        </h2>
        <button type="button" className="button button--quiet button--icon" aria-label="Close support" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
      </div>
      <div className="dialog__body support-sheet__body">
        <p className="muted support-sheet__intro">{intro}</p>
        {children}
      </div>
    </dialog>
  );
}
