// The preload of the hidden page that carries the journal over from the file:// origin of earlier versions
// (electron/main/storageMigration.ts). It runs on that origin, so it can read the journal there: raw, as
// stored, nothing decoded. It sends the layout, then the records in bounded chunks, each waiting for the
// last to be taken; main checks every one. It exposes nothing to the page, which has no script of its own.
// It imports nothing that the app's preload imports, so each preload stays one file (sandboxed preloads
// can require nothing but electron).
import { ipcRenderer } from 'electron';
import { dumpDatabase } from '@shared/storage/rawDatabase';
import { JOURNAL_DATABASE_NAME } from '@shared/storage/journalName';

async function carryOver(): Promise<void> {
  try {
    const counts = await dumpDatabase(indexedDB, JOURNAL_DATABASE_NAME, {
      shape: async (shape) => {
        await ipcRenderer.invoke('migration:found', shape);
      },
      chunk: async (chunk) => {
        await ipcRenderer.invoke('migration:rows', chunk);
      },
    });
    if (counts === null) await ipcRenderer.invoke('migration:found', null);
    else await ipcRenderer.invoke('migration:finished', counts);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    await ipcRenderer.invoke('migration:failed', { problem: problem.slice(0, 500) });
  }
}

// A report that cannot be sent leaves main waiting; its time limit then counts the attempt as failed.
carryOver().catch(() => undefined);
