// Starts the renderer: opens the journal database and its vault, shows set-up or the lock screen, and once
// the journal is open builds the services and renders the app.
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import '@fontsource-variable/inter';
import './styles/base.css';
import './styles/components.css';
import './styles/shell.css';
import './features/checkin/checkin.css';
import { App } from './app/App';
import { CirclesProvider } from './features/circles/CirclesProvider';
import { readOpenDraft } from './features/checkin/keptDraft';
import { keepDraft, takeKeptDraft } from './features/lock/keptDraftStore';
import { LockRoot } from './features/lock/LockRoot';
import { setBeforeLock, setDropKey, takeLockedByPerson } from './features/lock/lockNow';
import { VaultProvider } from './features/lock/vaultContext';
import { reportUnreadable } from './app/problems';
import { ServicesProvider, type Services } from './app/services';
import { applyAppearance, SettingsProvider } from './app/settings';
import { ToastProvider } from './app/toasts';
import { HearthDatabase } from './db/database';
import { adoptEarlierJournal } from './db/earlierJournal';
import type { Journal } from './db/journal';
import { readAppearance } from './db/settingsStore';
import { logger } from './logger';
import { detectPlatform } from './platform';
import type { Platform } from './platform/platform';
import { openStores } from './vault/stores';
import { openVault, type Vault } from './vault/vault';

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
  let vault: Vault;
  try {
    await db.open();
    vault = await openVault(db);
    // The lock screen in the person's own theme: the one plain settings row.
    applyAppearance(await readAppearance(db));
  } catch (error) {
    showStartupError(root, error);
    return;
  }
  const reactRoot = createRoot(root);
  const lockedByPerson = takeLockedByPerson();
  let opening = false;
  const open = (): void => {
    if (opening) return;
    opening = true;
    openJournal(reactRoot, db, vault, platform).catch((error: unknown) => showStartupError(root, error));
  };
  if (vault.status().kind === 'unlocked') {
    open();
    return;
  }
  reactRoot.render(
    <StrictMode>
      <LockRoot vault={vault} platform={platform} lockedByPerson={lockedByPerson} onOpen={open} />
    </StrictMode>,
  );
}

/** After set-up or unlock: the stores over the now-sealing database, then the app as it always was. */
async function openJournal(reactRoot: Root, db: HearthDatabase, vault: Vault, platform: Platform): Promise<void> {
  const stores = openStores(db, vault.cipher(), {
    onUnreadable: (error) => {
      logger.warn(error.message);
      reportUnreadable(error.recordId);
    },
  });
  const services: Services = { journal: stores.journal, search: stores.search, settings: stores.settings, platform };
  const initial = await services.settings.get();
  applyAppearance(initial);
  const keptDraft = await takeKeptDraft(db).catch((error: unknown) => {
    logger.warn('the check-in kept at the last lock could not be taken back', error);
    return null;
  });
  // Locking seals an unsaved check-in first, then forgets the key (lockNow.ts reloads the page after).
  setBeforeLock(async () => {
    const draft = readOpenDraft();
    if (draft) await keepDraft(db, draft);
  });
  setDropKey(() => vault.lock());
  // Build the search index once the first screen is up, so searching feels instant later.
  if (import.meta.env.DEV) installDevTools(stores.journal);
  window.setTimeout(() => void services.search.ready().catch((error: unknown) => logger.warn('search index', error)), 1_500);

  reactRoot.render(
    <StrictMode>
      <ServicesProvider services={services}>
        <VaultProvider vault={vault}>
          <ToastProvider>
            <SettingsProvider initial={initial}>
              <CirclesProvider>
                <App keptDraft={keptDraft} />
              </CirclesProvider>
            </SettingsProvider>
          </ToastProvider>
        </VaultProvider>
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
