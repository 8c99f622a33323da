// Support from the lock and set-up screens: the bundled crisis-line directory (it needs nothing from the
// journal), opened by a link or F1 / Ctrl+Shift+H as everywhere else. The safety plan is sealed with the
// journal, so this says it opens after unlocking.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { X } from 'lucide-react';
import { CrisisLineDirectory } from '../safety/CrisisLines';
import { isSupportShortcut } from '../safety/support';
import '../safety/safety.css';

export function LockedSupportLink(): ReactNode {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isSupportShortcut(event) || event.repeat) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  return (
    <>
      <button type="button" className="button button--quiet lock-support-link" aria-keyshortcuts="F1 Control+Shift+H" onClick={() => setOpen(true)}>
        Need support now?
        <kbd className="nav__key" aria-hidden="true">
          F1
        </kbd>
      </button>
      {open && <LockedSupportSheet onClose={() => setOpen(false)} />}
    </>
  );
}

function LockedSupportSheet({ onClose }: { onClose: () => void }): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    element.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      element.close();
      before?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog support-sheet"
      aria-labelledby="locked-support-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog__header">
        <h2 id="locked-support-title" tabIndex={-1}>
          Support
        </h2>
        <button type="button" className="button button--quiet button--icon" aria-label="Close support" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
      </div>
      <div className="dialog__body support-sheet__body">
        <p className="muted support-sheet__intro">Your safety plan is locked with your journal; it opens after you unlock Hearth. These lines are here any time.</p>
        <h3 id="locked-support-lines">Crisis lines</h3>
        <CrisisLineDirectory headingId="locked-support-lines" saved={null} />
      </div>
    </dialog>
  );
}
