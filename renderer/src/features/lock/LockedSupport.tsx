// Support from the lock and set-up screens: the bundled crisis-line directory (it needs nothing from the
// journal), opened by a link or F1 / Ctrl+Shift+H as everywhere else. The safety plan is sealed with the
// journal, so this says it opens after unlocking.
import { useEffect, useState, type ReactNode } from 'react';
import { CrisisLineDirectory } from '../safety/CrisisLines';
import { isSupportShortcut } from '../safety/support';
import { SupportSheetFrame } from '../safety/SupportSheetFrame';
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
  return (
    <SupportSheetFrame
      titleId="locked-support-title"
      intro="Your safety plan is locked with your journal; it opens after you unlock Hearth. These lines are here any time."
      focusTitle
      onClose={onClose}
    >
      <h3 id="locked-support-lines">Crisis lines</h3>
      <CrisisLineDirectory headingId="locked-support-lines" saved={null} />
    </SupportSheetFrame>
  );
}
