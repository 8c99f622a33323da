// Makes Support reachable in one keystroke from anywhere (F1 or Ctrl/Cmd+Shift+H, also inside dialogs)
// and shows it as a sheet over an open dialog, so a draft being written there is kept.
import { useEffect, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';
import { SupportContent } from './SupportContent';
import { closeSupportSheet, isSupportShortcut, openSupport, useSupportSheet } from './support';
import './safety.css';

export function SupportHost(): ReactNode {
  const sheet = useSupportSheet();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isSupportShortcut(event) || event.repeat) return;
      event.preventDefault();
      event.stopPropagation();
      openSupport();
    };
    // Capture phase: a dialog or field that handles keys itself never swallows the way to Support.
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  return sheet.open ? <SupportSheet section={sheet.section} request={sheet.request} /> : null;
}

function SupportSheet({ section, request }: { section: ReturnType<typeof useSupportSheet>['section']; request: number }): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    if (!section) element.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      element.close();
      before?.focus();
    };
    // Opened once; later requests only scroll (SupportContent handles those).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog support-sheet"
      aria-labelledby="support-sheet-title"
      onCancel={(event) => {
        event.preventDefault();
        closeSupportSheet();
      }}
    >
      <div className="dialog__header">
        <h2 id="support-sheet-title" tabIndex={-1}>
          Support
        </h2>
        <button type="button" className="button button--quiet button--icon" aria-label="Close support" onClick={closeSupportSheet}>
          <X aria-hidden="true" />
        </button>
      </div>
      <div className="dialog__body support-sheet__body">
        <p className="muted support-sheet__intro">What you were writing is still there behind this. Close this when you are ready.</p>
        <SupportContent section={section} request={request} />
      </div>
    </dialog>
  );
}

/** The calm link at the bottom of the sidebar. */
export function SupportLink(): ReactNode {
  return (
    <a
      className="support-link"
      href="#/support"
      aria-keyshortcuts="F1 Control+Shift+H"
      onClick={(event) => {
        event.preventDefault();
        openSupport();
      }}
    >
      Need support now?
      <kbd className="nav__key" aria-hidden="true">
        F1
      </kbd>
    </a>
  );
}
