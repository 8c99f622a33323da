// Makes Support reachable in one keystroke from anywhere (F1 or Ctrl/Cmd+Shift+H, also inside dialogs)
// and shows it as a sheet over an open dialog, so a draft being written there is kept.
import { useEffect, type ReactNode } from 'react';
import { SupportContent } from './SupportContent';
import { SupportSheetFrame } from './SupportSheetFrame';
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
  return (
    <SupportSheetFrame titleId="support-sheet-title" intro="What you were writing is still there behind this. Close this when you are ready." focusTitle={!section} onClose={closeSupportSheet}>
      <SupportContent section={section} request={request} />
    </SupportSheetFrame>
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
