// The app shell: navigation, the current view, global shortcuts and menu commands.
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { CalendarDays, ChartLine, House, ListOrdered, Plus, Search, Settings as SettingsIcon, Users } from 'lucide-react';
import type { MenuCommand } from '@shared/ipc/menu';
import { CheckInEditorProvider, useCheckInEditor } from '../features/checkin/editor';
import type { KeptDraft } from '../features/checkin/keptDraft';
import { ShareProvider } from '../features/share/ShareProvider';
import { TodayView } from '../features/today/TodayView';
import { navigate, useRoute, type View } from './router';
import { useServices } from './services';
import { useReminderSync } from './reminders';
import { useUnreadableCount } from './problems';
import { useDataTransfer } from '../features/settings/dataTransfer';
// Support is bundled with the shell (not lazy), so it opens even with no network at all.
import { SupportView } from '../features/safety/SupportView';
import { SupportHost, SupportLink } from '../features/safety/SupportHost';
import { openSupport } from '../features/safety/support';
import { CirclesGate } from '../features/wellbeing/CirclesGate';
import { HealthyUse } from '../features/wellbeing/HealthyUse';
import { hideHearth, isHearthHidden } from '../features/wellbeing/quickHide';
import { AppLock } from '../features/lock/AppLock';
import { lockHearth } from '../features/lock/lockNow';

const TimelineView = lazy(() => import('../features/timeline/TimelineView'));
const CalendarView = lazy(() => import('../features/calendar/CalendarView'));
const SearchView = lazy(() => import('../features/search/SearchView'));
const InsightsView = lazy(() => import('../features/insights/InsightsView'));
const SettingsView = lazy(() => import('../features/settings/SettingsView'));
const CirclesView = lazy(() => import('../features/circles/CirclesView'));

interface NavItem {
  readonly view: View;
  readonly label: string;
  readonly icon: ReactNode;
  readonly shortcut?: string;
}

const NAV: readonly NavItem[] = [
  { view: 'today', label: 'Today', icon: <House aria-hidden="true" />, shortcut: '1' },
  { view: 'timeline', label: 'Timeline', icon: <ListOrdered aria-hidden="true" />, shortcut: '2' },
  { view: 'calendar', label: 'Calendar', icon: <CalendarDays aria-hidden="true" />, shortcut: '3' },
  { view: 'insights', label: 'Insights', icon: <ChartLine aria-hidden="true" />, shortcut: '4' },
  { view: 'search', label: 'Search', icon: <Search aria-hidden="true" />, shortcut: 'F' },
  { view: 'circles', label: 'Circles', icon: <Users aria-hidden="true" /> },
  { view: 'settings', label: 'Settings', icon: <SettingsIcon aria-hidden="true" />, shortcut: ',' },
];

const MENU_VIEWS: Partial<Record<MenuCommand, View>> = {
  'go-today': 'today',
  'go-timeline': 'timeline',
  'go-calendar': 'calendar',
  'go-search': 'search',
  'go-insights': 'insights',
  'go-settings': 'settings',
};

export function App({ keptDraft = null }: { keptDraft?: KeptDraft | null }): ReactNode {
  return (
    <CheckInEditorProvider keptDraft={keptDraft}>
      <ShareProvider>
        <Shell />
      </ShareProvider>
    </CheckInEditorProvider>
  );
}

function Shell(): ReactNode {
  const { view } = useRoute();
  const { platform } = useServices();
  const editor = useCheckInEditor();
  const transfer = useDataTransfer();
  const main = useRef<HTMLElement>(null);
  useReminderSync();

  const runCommand = (command: MenuCommand): void => {
    if (command === 'lock') return void lockHearth();
    // While Hearth is hidden nothing may open over the cover (a reminder click, a menu item).
    if (isHearthHidden()) return hideHearth();
    const target = MENU_VIEWS[command];
    if (target) navigate(target);
    else if (command === 'new-check-in') editor.openNew();
    else if (command === 'export-json') void transfer.exportJson();
    else if (command === 'import-json') void transfer.importJson();
    else if (command === 'open-support') openSupport();
  };
  const runCommandRef = useRef(runCommand);
  useEffect(() => {
    runCommandRef.current = runCommand;
  });

  useEffect(() => platform.onMenuCommand((command) => runCommandRef.current(command)), [platform]);
  useEffect(() => platform.onInviteLink((link) => navigate('circles', { join: link })), [platform]);

  // In the browser preview there is no app menu, so the same shortcuts are handled here.
  useEffect(() => {
    if (platform.kind === 'electron') return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const command: MenuCommand | undefined =
        key === 'n' ? 'new-check-in' : key === '1' ? 'go-today' : key === '2' ? 'go-timeline' : key === '3' ? 'go-calendar' : key === '4' ? 'go-insights' : key === 'f' ? 'go-search' : key === ',' ? 'go-settings' : undefined;
      if (!command || (editor.isOpen && command !== 'new-check-in')) return;
      event.preventDefault();
      runCommandRef.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [platform, editor.isOpen]);

  // Ctrl/Cmd+Z outside text fields undoes the last delete.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || event.shiftKey) return;
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || editor.isOpen) return;
      event.preventDefault();
      void editor.undoLastDelete();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [editor]);

  // Move focus to the new view's heading so screen-reader and keyboard users land in the right place.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      // A view that placed focus itself (e.g. Search's input) keeps it.
      if (main.current?.contains(document.activeElement) && document.activeElement !== main.current) return;
      main.current?.querySelector<HTMLElement>('h1')?.focus();
    }, 50);
    return () => window.clearTimeout(timer);
  }, [view]);

  const shortcutLabel = platform.kind === 'electron' && navigator.userAgent.includes('Mac') ? '⌘' : 'Ctrl';

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        main.current?.querySelector<HTMLElement>('h1')?.focus();
      }}>
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">Hearth</span>
        </div>
        <button type="button" className="button button--primary sidebar__new" onClick={() => editor.openNew()} aria-keyshortcuts="Control+N">
          <Plus aria-hidden="true" /> Check in
        </button>
        <ul className="nav" role="list">
          {NAV.map((item) => (
            <li key={item.view}>
              <a className="nav__link" href={`#/${item.view}`} aria-current={view === item.view ? 'page' : undefined} aria-keyshortcuts={item.shortcut ? `Control+${item.shortcut}` : undefined}>
                {item.icon}
                <span>{item.label}</span>
                {item.shortcut && (
                  <kbd className="nav__key" aria-hidden="true">
                    {shortcutLabel}
                    {item.shortcut === ',' ? ',' : `+${item.shortcut}`}
                  </kbd>
                )}
              </a>
            </li>
          ))}
        </ul>
        <SupportLink />
        <p className="sidebar__privacy">Your journal stays on this device.</p>
      </nav>
      <main id="main" className="main" ref={main}>
        <UnreadableNotice />
        <Suspense fallback={<div className="view-loading" aria-busy="true" />}>
          {view === 'today' && <TodayView />}
          {view === 'timeline' && <TimelineView />}
          {view === 'calendar' && <CalendarView />}
          {view === 'search' && <SearchView />}
          {view === 'insights' && <InsightsView />}
          {view === 'circles' && (
            <CirclesGate>
              <CirclesView />
            </CirclesGate>
          )}
          {view === 'settings' && <SettingsView />}
          {view === 'support' && <SupportView />}
        </Suspense>
      </main>
      <SupportHost />
      <HealthyUse />
      <AppLock />
    </div>
  );
}

/** Says, once and calmly, that some stored check-ins could not be read and are hidden, not deleted. */
function UnreadableNotice(): ReactNode {
  const count = useUnreadableCount();
  const [dismissedAt, setDismissedAt] = useState(0);
  if (count === 0 || count <= dismissedAt) return null;
  return (
    <div className="unreadable-notice notice notice--error" role="alert">
      <p>
        {count === 1 ? '1 check-in' : `${count.toLocaleString()} check-ins`} could not be read from this device's storage, so{' '}
        {count === 1 ? 'it is' : 'they are'} hidden. Nothing has been deleted, and your other check-ins are fine. Exporting a JSON backup
        (Settings → Your data) keeps a copy of everything that can be read.
      </p>
      <button type="button" className="button button--small" onClick={() => setDismissedAt(count)}>
        Dismiss
      </button>
    </div>
  );
}
