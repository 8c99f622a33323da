// Seals an existing plaintext journal in place, atomically. Every row is read and sealed in memory first
// (WebCrypto cannot be awaited inside an IndexedDB transaction); then ONE read-write transaction checks
// that nothing changed meanwhile, writes the vault header and replaces every row. A crash or error before
// the commit leaves the plaintext journal exactly as it was; after it, everything secret is sealed.
import type { Table } from 'dexie';
import { parseSettings } from '@shared/settings';
import type { StoredHeader } from '@shared/vault/keys';
import { NO_ATTEMPTS } from '@shared/vault/passcode';
import { BODY_VERSION, SEALED_CODEC } from '../db/codec';
import type { HearthDatabase } from '../db/database';
import { sameStored } from '../db/sealedRows';
import { APPEARANCE_KEY, appearanceOf, PREFERENCES_KEY } from '../db/settingsStore';
import { placeOf, type RecordCipher } from './cipher';

export const HEADER_KEY = 'header';
export const ATTEMPTS_KEY = 'attempts';

/** The tables whose rows are sealed, with the field each is keyed by. */
const SEALED_TABLES = [
  { name: 'checkIns', key: 'id' },
  { name: 'settings', key: 'key' },
  { name: 'device', key: 'key' },
  { name: 'circles', key: 'id' },
  { name: 'circleUpdates', key: 'seq' },
  { name: 'safety', key: 'key' },
] as const;
type SealedTableName = (typeof SEALED_TABLES)[number]['name'];

type Row = Record<string, unknown>;
type Snapshot = ReadonlyMap<SealedTableName, readonly Row[]>;

/** Settings rows that stay plain: what the lock screen shows before unlock. */
function staysPlain(table: SealedTableName, row: Row): boolean {
  return table === 'settings' && row.key === APPEARANCE_KEY;
}

/** How many rows set-up will seal (shown as "sealing N records" and for progress). */
export async function countPlaintextRows(db: HearthDatabase): Promise<number> {
  let total = 0;
  for (const { name } of SEALED_TABLES) total += await db.table(name).count();
  return total - ((await db.settings.get(APPEARANCE_KEY)) === undefined ? 0 : 1);
}

function tableOf(db: HearthDatabase, name: SealedTableName): Table<Row, unknown> {
  return db.table(name);
}

async function snapshot(db: HearthDatabase): Promise<Snapshot> {
  const rows = new Map<SealedTableName, Row[]>();
  for (const { name } of SEALED_TABLES) rows.set(name, await tableOf(db, name).toArray());
  return rows;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** The sealed form of one row; rows that cannot be read stay whole (sealed as they are) and are never dropped. */
async function sealRow(table: SealedTableName, row: Row, cipher: RecordCipher): Promise<Row> {
  switch (table) {
    case 'checkIns': {
      const v = typeof row.v === 'number' ? row.v : BODY_VERSION;
      return { id: row.id, at: row.at, day: row.day, codec: SEALED_CODEC, v, body: await cipher.seal(placeOf('checkIns', text(row.id), v), row.body) };
    }
    case 'circleUpdates': {
      const place = placeOf('circleUpdates', text(row.circleId));
      // Not bytes means damaged already: sealed as a record, so it stays on disk and reads as damaged.
      const update = row.update instanceof Uint8Array ? await cipher.sealBytes(place, row.update) : await cipher.seal(place, row.update);
      return { seq: row.seq, circleId: row.circleId, update };
    }
    case 'circles':
      return { id: row.id, value: await cipher.seal(placeOf('circles', text(row.id)), row.value) };
    case 'settings':
    case 'device':
    case 'safety':
      return { key: row.key, value: await cipher.seal(placeOf(table, text(row.key)), row.value) };
  }
}

const CHUNK = 256;

async function sealAll(before: Snapshot, cipher: RecordCipher, onProgress: (done: number, total: number) => void): Promise<Map<SealedTableName, Row[]>> {
  const total = [...before.values()].reduce((sum, rows) => sum + rows.length, 0);
  let done = 0;
  onProgress(done, total);
  const sealed = new Map<SealedTableName, Row[]>();
  for (const [table, rows] of before) {
    const out: Row[] = [];
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      // A chunk at a time: WebCrypto works in parallel, and progress moves smoothly.
      out.push(...(await Promise.all(chunk.map((row) => (staysPlain(table, row) ? Promise.resolve(row) : sealRow(table, row, cipher))))));
      done += chunk.length;
      onProgress(done, total);
    }
    if (table === 'settings') addAppearanceRow(out, rows);
    sealed.set(table, out);
  }
  return sealed;
}

/** Splits the theme and motion out of the preferences into the plain appearance row, unless one exists. */
function addAppearanceRow(out: Row[], plainRows: readonly Row[]): void {
  if (plainRows.some((row) => row.key === APPEARANCE_KEY)) return;
  const preferences = plainRows.find((row) => row.key === PREFERENCES_KEY);
  if (preferences) out.push({ key: APPEARANCE_KEY, value: appearanceOf(parseSettings(preferences.value)) });
}

function unchanged(before: readonly Row[], now: readonly Row[]): boolean {
  return before.length === now.length && before.every((row, index) => sameStored(row, now[index]));
}

class ChangedMeanwhile extends Error {}

export const ALREADY_SET_UP_MESSAGE = 'A lock was already set up for this journal (perhaps in another Hearth window). Unlock it with that passcode.';
const KEPT_CHANGING_MESSAGE = 'The journal kept changing while it was being locked (another Hearth window is writing to it). Close other windows and try again; nothing has been changed.';

/**
 * Seals every row and writes the header, atomically. Throws (changing nothing) if a header already exists
 * or the journal kept changing; `onProgress` may throw to stop it, changing nothing too.
 */
export async function sealJournal(db: HearthDatabase, header: StoredHeader, cipher: RecordCipher, onProgress: (done: number, total: number) => void = () => undefined): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const before = await snapshot(db);
    const sealed = await sealAll(before, cipher, onProgress);
    const tables = [...SEALED_TABLES.map(({ name }) => tableOf(db, name)), db.vault];
    try {
      await db.transaction('rw', tables, async () => {
        if ((await db.vault.get(HEADER_KEY)) !== undefined) throw new Error(ALREADY_SET_UP_MESSAGE);
        for (const { name } of SEALED_TABLES) {
          if (!unchanged(before.get(name) ?? [], await tableOf(db, name).toArray())) throw new ChangedMeanwhile();
        }
        for (const { name } of SEALED_TABLES) await tableOf(db, name).bulkPut(sealed.get(name) ?? []);
        await db.vault.bulkPut([
          { key: HEADER_KEY, value: header },
          { key: ATTEMPTS_KEY, value: NO_ATTEMPTS },
        ]);
      });
      return;
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile)) throw error;
    }
  }
  throw new Error(KEPT_CHANGING_MESSAGE);
}
