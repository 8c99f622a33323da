// The "hide when I switch away" screen: a neutral cover over everything, dialogs included, that keeps every
// draft as it was underneath. It is a privacy screen, not a lock: anyone at the computer can choose "Show
// Hearth". The lock (Ctrl/Cmd+Shift+L, the former quick-hide key) lives in features/lock.
import { useEffect, useRef, type ReactNode } from 'react';
import { useSettings } from '../../app/settings';
import { hideHearth, isHearthHidden, showHearth, useHearthHidden } from './quickHide';

/** Shows the cover when the window loses focus (when chosen), and keeps every shortcut away from the app under it. */
export function QuickHide(): ReactNode {
  const hidden = useHearthHidden();
  const { settings } = useSettings();
  const hideOnBlur = settings.wellbeing.hideOnBlur;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isHearthHidden()) return;
      // While hidden, no shortcut may reach the app (Ctrl+N would open a dialog over the cover), and Escape
      // must not close the cover. Enter, Space and Tab still work on the cover's own button.
      event.stopPropagation();
      if (event.key === 'Escape') event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  useEffect(() => {
    if (!hideOnBlur) return;
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') hideHearth();
    };
    window.addEventListener('blur', hideHearth);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', hideHearth);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [hideOnBlur]);

  return hidden ? <HiddenCover /> : null;
}

function HiddenCover(): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const title = document.title;
    document.title = 'Hearth';
    // Opened last, it sits above any dialog already open; everything beneath becomes inert.
    element.showModal();
    element.querySelector<HTMLButtonElement>('button')?.focus();
    // A browser may still close a modal on a repeated Escape; the cover comes straight back.
    const onClose = (): void => {
      if (isHearthHidden()) element.showModal();
    };
    element.addEventListener('close', onClose);
    return () => {
      element.removeEventListener('close', onClose);
      element.close();
      document.title = title;
      // Back to where the person was, e.g. the half-written note in an open check-in.
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="hidden-screen"
      aria-labelledby="hidden-screen-title"
      aria-describedby="hidden-screen-text"
      onCancel={(event) => event.preventDefault()}
    >
      <div className="hidden-screen__content">
        <span className="brand__mark hidden-screen__mark" aria-hidden="true" />
        <h1 id="hidden-screen-title">Hearth is hidden</h1>
        <p id="hidden-screen-text">Nothing is showing. Everything is as you left it.</p>
        <button type="button" className="button button--primary" onClick={showHearth}>
          Show Hearth
        </button>
      </div>
    </dialog>
  );
}
