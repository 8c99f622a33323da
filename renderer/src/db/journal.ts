// The journal repository: the only way the UI reads and writes check-ins. It hides the tables and the
// record codec, keeps the in-memory search index current, and reports unreadable records instead of
// failing a whole view because of one damaged row.
import { completeCheckIn, type CheckIn, type CheckInDraft } from '@shared/journal/checkIn';
import { codecFor, RecordUnreadableError, type RecordCodec } from './codec';
import type { HearthDatabase } from './database';
import type { CheckInRow } from './schema';

export interface JournalOptions {
  /** Default: the codec for the database's cipher at each read and write (plain, or sealed once unlocked). */
  readonly codec?: RecordCodec;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Called for each record that cannot be read; the view skips it and goes on. */
  readonly onUnreadable?: (error: RecordUnreadableError) => void;
}

export type JournalChange = { readonly kind: 'put'; readonly checkIn: CheckIn } | { readonly kind: 'delete'; readonly id: string } | { readonly kind: 'reset' };

export interface ImportWrite {
  readonly add: readonly CheckIn[];
  readonly update: readonly CheckIn[];
}

export class Journal {
  private readonly fixedCodec: RecordCodec | undefined;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly onUnreadable: (error: RecordUnreadableError) => void;
  private readonly listeners = new Set<(change: JournalChange) => void>();

  constructor(
    readonly db: HearthDatabase,
    options: JournalOptions = {},
  ) {
    this.fixedCodec = options.codec;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.onUnreadable = options.onUnreadable ?? (() => undefined);
  }

  /** Subscribes to writes made through this repository (used by the in-memory search index). */
  onChange(listener: (change: JournalChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async create(draft: CheckInDraft): Promise<CheckIn> {
    const now = this.now();
    const checkIn = completeCheckIn(draft, { id: this.newId(), createdAt: now, updatedAt: now });
    await this.db.checkIns.put(await this.toRow(checkIn));
    this.emit({ kind: 'put', checkIn });
    return checkIn;
  }

  async update(id: string, draft: CheckInDraft): Promise<CheckIn> {
    const existing = await this.get(id);
    if (!existing) throw new Error('This check-in no longer exists. It may have been deleted in another window.');
    const checkIn = completeCheckIn(draft, { id, createdAt: existing.createdAt, updatedAt: Math.max(this.now(), existing.updatedAt + 1) });
    await this.db.checkIns.put(await this.toRow(checkIn));
    this.emit({ kind: 'put', checkIn });
    return checkIn;
  }

  /** Deletes a check-in and returns it, so the caller can offer undo. */
  async remove(id: string): Promise<CheckIn | undefined> {
    const existing = await this.get(id);
    await this.db.checkIns.delete(id);
    this.emit({ kind: 'delete', id });
    return existing;
  }

  /** Puts a deleted check-in back exactly as it was (undo). */
  async restore(checkIn: CheckIn): Promise<void> {
    await this.db.checkIns.put(await this.toRow(checkIn));
    this.emit({ kind: 'put', checkIn });
  }

  async get(id: string): Promise<CheckIn | undefined> {
    const row = await this.db.checkIns.get(id);
    return row ? this.readRow(row) : undefined;
  }

  async count(): Promise<number> {
    return this.db.checkIns.count();
  }

  /** The newest check-ins (the timeline's first screen, read without listing every id first). */
  async newest(limit: number): Promise<CheckIn[]> {
    const rows = await this.db.checkIns.orderBy('at').reverse().limit(limit).toArray();
    return this.readRows(rows);
  }

  /** Ids of every check-in, newest first: cheap enough for a virtualized timeline of any length. */
  async idsNewestFirst(): Promise<string[]> {
    return this.db.checkIns.orderBy('at').reverse().primaryKeys();
  }

  /** The check-ins with these ids, in the same order; missing or unreadable ones are left out. */
  async getMany(ids: readonly string[]): Promise<CheckIn[]> {
    const rows = await this.db.checkIns.bulkGet([...ids]);
    return this.readRows(rows.filter((row): row is CheckInRow => row !== undefined));
  }

  /** Check-ins whose local day lies in [firstDay, lastDay], oldest first. */
  async between(firstDay: string, lastDay: string): Promise<CheckIn[]> {
    const rows = await this.db.checkIns.where('day').between(firstDay, lastDay, true, true).toArray();
    const checkIns = await this.readRows(rows);
    return checkIns.sort((a, b) => a.at - b.at);
  }

  async onDay(day: string): Promise<CheckIn[]> {
    return this.between(day, day);
  }

  /** Every check-in, oldest first (export, search index). */
  async all(): Promise<CheckIn[]> {
    const rows = await this.db.checkIns.orderBy('at').toArray();
    return this.readRows(rows);
  }

  /** Writes an import plan in one transaction: either every record lands or none does. */
  async writeImport(plan: ImportWrite): Promise<void> {
    const rows = await Promise.all([...plan.add, ...plan.update].map((checkIn) => this.toRow(checkIn)));
    await this.db.transaction('rw', this.db.checkIns, async () => {
      await this.db.checkIns.bulkPut(rows);
    });
    this.emit({ kind: 'reset' });
  }

  private get codec(): RecordCodec {
    return this.fixedCodec ?? codecFor(this.db.cipher);
  }

  private async toRow(checkIn: CheckIn): Promise<CheckInRow> {
    const sealed = await this.codec.encode(checkIn);
    return { id: checkIn.id, at: checkIn.at, day: checkIn.day, codec: sealed.codec, v: sealed.v, body: sealed.body };
  }

  private async readRow(row: CheckInRow): Promise<CheckIn | undefined> {
    try {
      return await this.codec.decode(row.id, row);
    } catch (error) {
      if (error instanceof RecordUnreadableError) {
        this.onUnreadable(error);
        return undefined;
      }
      throw error;
    }
  }

  private async readRows(rows: readonly CheckInRow[]): Promise<CheckIn[]> {
    const decoded = await Promise.all(rows.map((row) => this.readRow(row)));
    return decoded.filter((checkIn): checkIn is CheckIn => checkIn !== undefined);
  }

  private emit(change: JournalChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
