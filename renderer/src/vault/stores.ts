// Builds the app's stores over the database once its cipher is known (after unlock, or before set-up with
// the plain cipher): the one call the start-up code makes. The circles engine is handed the same database,
// whose cipher seals its rows too.
import { CircleRecords } from '../circles/engine/circleRecords';
import { CircleDocStore } from '../db/circleDocStore';
import type { RecordUnreadableError } from '../db/codec';
import type { HearthDatabase } from '../db/database';
import { Journal } from '../db/journal';
import { SafetyPlanStore } from '../db/safetyPlanStore';
import { SearchIndex } from '../db/searchIndex';
import { SettingsStore } from '../db/settingsStore';
import type { RecordCipher } from './cipher';

export interface Stores {
  readonly db: HearthDatabase;
  readonly journal: Journal;
  /** In memory only, built from the decrypted journal on first use (never written to disk). */
  readonly search: SearchIndex;
  readonly settings: SettingsStore;
  readonly safetyPlan: SafetyPlanStore;
  readonly circleDocs: CircleDocStore;
  readonly circleRecords: CircleRecords;
}

export interface StoresOptions {
  /** Called for each check-in that cannot be read; views skip it and go on. */
  readonly onUnreadable?: (error: RecordUnreadableError) => void;
}

export function openStores(db: HearthDatabase, cipher: RecordCipher, options: StoresOptions = {}): Stores {
  db.useCipher(cipher);
  const journal = new Journal(db, options.onUnreadable ? { onUnreadable: options.onUnreadable } : {});
  return {
    db,
    journal,
    search: new SearchIndex(journal),
    settings: new SettingsStore(db),
    safetyPlan: new SafetyPlanStore(db),
    circleDocs: new CircleDocStore(db),
    circleRecords: new CircleRecords(db),
  };
}
