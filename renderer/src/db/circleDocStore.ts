// Keeps each circle's Yjs document on this device so a circle opens, and can be posted to, offline.
// Updates are appended as they happen and squashed into one row once enough pile up (the AFFiNE way:
// cheap writes, bounded reads). Every row goes through the database's cipher, so once a vault exists a
// circle's document on disk is ciphertext too. A failed or damaged row never takes the document down.
import * as Y from 'yjs';
import { placeOf } from '../vault/cipher';
import type { HearthDatabase } from './database';
import type { CircleUpdateRow } from './schema';

/** Squash when a circle has more rows than this. */
const COMPACT_AFTER_ROWS = 200;

export interface CircleDocStoreOptions {
  readonly compactAfterRows?: number;
  /** Called for a stored update that cannot be opened or applied; it is skipped, the rest still load. */
  readonly onDamagedUpdate?: (circleId: string, error: unknown) => void;
}

/** The origin Yjs gets for updates read from disk, so they are not written back again. */
const FROM_DISK = Symbol('circle-doc-store');

/** A circle's updates are sealed at the circle (not the row: its number is only known once written). */
const placeOfUpdates = (circleId: string) => placeOf('circleUpdates', circleId);

export class CircleDocStore {
  private readonly compactAfterRows: number;
  private readonly onDamagedUpdate: (circleId: string, error: unknown) => void;

  constructor(
    private readonly db: HearthDatabase,
    options: CircleDocStoreOptions = {},
  ) {
    this.compactAfterRows = options.compactAfterRows ?? COMPACT_AFTER_ROWS;
    this.onDamagedUpdate = options.onDamagedUpdate ?? (() => undefined);
  }

  /** Applies every stored update of the circle to `doc`. */
  async load(circleId: string, doc: Y.Doc): Promise<void> {
    const rows = await this.rows(circleId);
    const updates = await this.open(circleId, rows);
    Y.transact(
      doc,
      () => {
        for (const update of updates) {
          try {
            Y.applyUpdate(doc, update, FROM_DISK);
          } catch (error) {
            this.onDamagedUpdate(circleId, error);
          }
        }
      },
      FROM_DISK,
    );
  }

  /**
   * Loads the circle into `doc`, then stores every later change of it. Returns a function that stops
   * storing and resolves when the last write has finished.
   */
  async attach(circleId: string, doc: Y.Doc): Promise<() => Promise<void>> {
    await this.load(circleId, doc);
    let pending: Promise<void> = Promise.resolve();
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin === FROM_DISK) return;
      pending = pending.then(() => this.append(circleId, update));
    };
    doc.on('update', onUpdate);
    return async () => {
      doc.off('update', onUpdate);
      await pending;
    };
  }

  async append(circleId: string, update: Uint8Array): Promise<void> {
    await this.db.circleUpdates.add({ circleId, update: await this.db.cipher.sealBytes(placeOfUpdates(circleId), update) });
    const rows = await this.db.circleUpdates.where('circleId').equals(circleId).count();
    if (rows > this.compactAfterRows) await this.compact(circleId);
  }

  /**
   * Replaces a circle's rows with one update holding the same document. The rows are opened, merged and
   * sealed first (WebCrypto cannot run inside an IndexedDB transaction); the transaction then swaps them
   * only if every one is still there, so a concurrent compaction in another window is never doubled.
   * Rows appended meanwhile have higher numbers and are left alone. Damaged rows are kept, never deleted.
   */
  async compact(circleId: string): Promise<void> {
    const rows = await this.rows(circleId);
    if (rows.length < 2) return;
    const readable: { seq: number; update: Uint8Array }[] = [];
    for (const row of rows) {
      if (row.seq === undefined) continue;
      const opened = await this.db.cipher.openBytes(placeOfUpdates(circleId), row.update);
      if (opened.ok && isApplicable(opened.value)) readable.push({ seq: row.seq, update: opened.value });
    }
    if (readable.length < 2) return;
    const merged = await this.db.cipher.sealBytes(placeOfUpdates(circleId), Y.mergeUpdates(readable.map((row) => row.update)));
    const seqs = readable.map((row) => row.seq);
    await this.db.transaction('rw', this.db.circleUpdates, async () => {
      const still = await this.db.circleUpdates.bulkGet(seqs);
      if (still.some((row) => row === undefined)) return;
      await this.db.circleUpdates.bulkDelete(seqs);
      await this.db.circleUpdates.add({ circleId, update: merged });
    });
  }

  /** Forgets a circle's document on this device (leaving a circle). */
  async remove(circleId: string): Promise<void> {
    await this.db.circleUpdates.where('circleId').equals(circleId).delete();
  }

  private async rows(circleId: string): Promise<CircleUpdateRow[]> {
    return this.db.circleUpdates.where('circleId').equals(circleId).sortBy('seq');
  }

  /** The readable updates, in order; each unreadable one is reported and skipped. */
  private async open(circleId: string, rows: readonly CircleUpdateRow[]): Promise<Uint8Array[]> {
    const opened = await Promise.all(rows.map((row) => this.db.cipher.openBytes(placeOfUpdates(circleId), row.update)));
    const updates: Uint8Array[] = [];
    for (const result of opened) {
      if (result.ok) updates.push(result.value);
      else this.onDamagedUpdate(circleId, new Error(result.message));
    }
    return updates;
  }
}

function isApplicable(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    // A damaged row is left out of the squash (and kept on disk); load() already reported it when it was read.
    return false;
  }
}
