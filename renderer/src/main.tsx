// Starts the renderer: opens the journal database, builds the services and renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/inter';
import './styles/base.css';
import './styles/components.css';
import './styles/shell.css';
import './features/checkin/checkin.css';
import { App } from './app/App';
import { CirclesProvider } from './features/circles/CirclesProvider';
import { reportUnreadable } from './app/problems';
import { ServicesProvider, type Services } from './app/services';
import { applyAppearance, SettingsProvider } from './app/settings';
import { ToastProvider } from './app/toasts';
import { HearthDatabase } from './db/database';
import { adoptEarlierJournal } from './db/earlierJournal';
import { Journal } from './db/journal';
import { SearchIndex } from './db/searchIndex';
import { SettingsStore } from './db/settingsStore';
import { logger } from './logger';
import { detectPlatform } from './platform';

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  const platform = detectPlatform();
  if (platform.earlierJournal !== null) {
    try {
      await adoptEarlierJournal(platform.earlierJournal, indexedDB);
    } catch (error) {
      // Opening the database now would start an empty journal here and strand the earlier one.
      showStartupError(root, error, {
        title: 'Hearth could not move your journal to its new place',
        advice: 'Your journal is safe where it was: nothing has been changed or deleted. Quit Hearth and open it again to try once more.',
      });
      return;
    }
  }
  const db = new HearthDatabase();
  try {
    await db.open();
  } catch (error) {
    showStartupError(root, error);
    return;
  }
  const journal = new Journal(db, {
    onUnreadable: (error) => {
      logger.warn(error.message);
      reportUnreadable(error.recordId);
    },
  });
  const services: Services = { journal, search: new SearchIndex(journal), settings: new SettingsStore(db), platform };
  const initial = await services.settings.get();
  applyAppearance(initial);
  // Build the search index once the first screen is up, so searching feels instant later.
  if (import.meta.env.DEV) installDevTools(journal);
  window.setTimeout(() => void services.search.ready().catch((error: unknown) => logger.warn('search index', error)), 1_500);

  createRoot(root).render(
    <StrictMode>
      <ServicesProvider services={services}>
        <ToastProvider>
          <SettingsProvider initial={initial}>
            <CirclesProvider>
              <App />
            </CirclesProvider>
          </SettingsProvider>
        </ToastProvider>
      </ServicesProvider>
    </StrictMode>,
  );
}

const OPEN_FAILED = {
  title: 'Hearth could not open your journal',
  advice: 'Nothing has been changed or deleted. Close other Hearth windows and try again.',
};

function showStartupError(root: HTMLElement, error: unknown, words: { title: string; advice: string } = OPEN_FAILED): void {
  const reason = error instanceof Error ? error.message : String(error);
  const box = document.createElement('div');
  box.className = 'startup-error';
  const title = document.createElement('h1');
  title.textContent = words.title;
  const body = document.createElement('p');
  body.textContent = `${words.advice} (${reason})`;
  box.append(title, body);
  root.replaceChildren(box);
}

void start();


/**
 * Development only (stripped from builds): `__hearthDev.seed(500)` in the console fills the journal with
 * generated check-ins so views can be tried at realistic sizes.
 */
function installDevTools(journal: Journal): void {
  Object.assign(window, {
    __hearthDev: {
      async seed(count: number): Promise<number> {
        const [{ generateJournal }, { today, deviceTimeZone }] = await Promise.all([import('../../tests/support/fixtures'), import('@shared/journal/days')]);
        const checkIns = generateJournal(count, { seed: 7, endDay: today(), zone: deviceTimeZone() });
        await journal.writeImport({ add: checkIns, update: [] });
        return checkIns.length;
      },
    },
  });
}
