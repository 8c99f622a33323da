// Keeps each circle's Yjs document on this device so a circle opens, and can be posted to, offline.
// Updates are appended as they happen and squashed into one row once enough pile up (the AFFiNE way:
// cheap writes, bounded reads). A failed or damaged row never takes the document down with it.
import * as Y from 'yjs';
import type { HearthDatabase } from './database';

/** Squash when a circle has more rows than this. */
const COMPACT_AFTER_ROWS = 200;

export interface CircleDocStoreOptions {
  readonly compactAfterRows?: number;
  /** Called for a stored update that cannot be applied; it is skipped, the rest still load. */
  readonly onDamagedUpdate?: (circleId: string, error: unknown) => void;
}

/** The origin Yjs gets for updates read from disk, so they are not written back again. */
const FROM_DISK = Symbol('circle-doc-store');

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
    const rows = await this.db.circleUpdates.where('circleId').equals(circleId).sortBy('seq');
    Y.transact(
      doc,
      () => {
        for (const row of rows) {
          try {
            Y.applyUpdate(doc, row.update, FROM_DISK);
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
    await this.db.circleUpdates.add({ circleId, update });
    const rows = await this.db.circleUpdates.where('circleId').equals(circleId).count();
    if (rows > this.compactAfterRows) await this.compact(circleId);
  }

  /** Replaces a circle's rows with one update holding the same document, in one transaction. */
  async compact(circleId: string): Promise<void> {
    await this.db.transaction('rw', this.db.circleUpdates, async () => {
      const rows = await this.db.circleUpdates.where('circleId').equals(circleId).sortBy('seq');
      if (rows.length < 2) return;
      const merged = Y.mergeUpdates(rows.flatMap((row) => (isApplicable(row.update) ? [row.update] : [])));
      await this.db.circleUpdates.bulkDelete(rows.flatMap((row) => (row.seq === undefined ? [] : [row.seq])));
      await this.db.circleUpdates.add({ circleId, update: merged });
    });
  }

  /** Forgets a circle's document on this device (leaving a circle). */
  async remove(circleId: string): Promise<void> {
    await this.db.circleUpdates.where('circleId').equals(circleId).delete();
  }
}

function isApplicable(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    // A damaged row is dropped from the squash; load() already reported it when it was read.
    return false;
  }
}
