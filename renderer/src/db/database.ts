// Opens the journal's IndexedDB database with every schema version applied in order.
import Dexie, { type Table } from 'dexie';
import { JOURNAL_DATABASE_NAME } from '@shared/storage/journalName';
import { plainCipher, type RecordCipher } from '../vault/cipher';
import { SCHEMA_VERSIONS, type CheckInRow, type CircleRow, type CircleUpdateRow, type DeviceRow, type SafetyRow, type SchemaVersion, type SettingRow, type VaultRow } from './schema';

export const DEFAULT_DATABASE_NAME = JOURNAL_DATABASE_NAME;

export class HearthDatabase extends Dexie {
  declare readonly checkIns: Table<CheckInRow, string>;
  declare readonly settings: Table<SettingRow, string>;
  declare readonly device: Table<DeviceRow, string>;
  declare readonly circles: Table<CircleRow, string>;
  declare readonly circleUpdates: Table<CircleUpdateRow, number>;
  declare readonly safety: Table<SafetyRow, string>;
  declare readonly vault: Table<VaultRow, string>;

  /**
   * How values are written and read in this window: plain before a vault exists, sealed once unlocked,
   * refused while locked (renderer/src/vault). Every store asks for it at each read and write, so the
   * circles engine, which is handed this database, seals its rows without knowing about the vault.
   */
  get cipher(): RecordCipher {
    return this.currentCipher;
  }
  private currentCipher: RecordCipher = plainCipher;

  /** Set by the vault controller (openVault, unlock, lock) and openStores; nothing else should call it. */
  useCipher(cipher: RecordCipher): void {
    this.currentCipher = cipher;
  }

  constructor(name: string = DEFAULT_DATABASE_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    // Strict durability: a check-in someone just wrote must survive a crash or power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const step of versions) {
      const version = this.version(step.version).stores(step.stores);
      if (step.upgrade) version.upgrade(step.upgrade);
    }
  }
}
