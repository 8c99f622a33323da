// Before the page opens its journal: take over the one earlier desktop versions kept on their file://
// origin, if main has it waiting (electron/main/storageMigration.ts). Every part is fetched first, then
// written in one transaction; a journal already on this origin is left exactly as it is.
import { loadDatabase } from '@shared/storage/rawDatabase';
import type { RawChunk } from '@shared/storage/rawRecords';
import type { EarlierJournalSource } from '../platform/platform';

/** Thrown when the earlier journal could not be carried over; the app must not open an empty one instead. */
export class EarlierJournalError extends Error {
  override readonly name = 'EarlierJournalError';
}

/** Resolves once there is nothing (more) to carry over; throws EarlierJournalError when it could not be done. */
export async function adoptEarlierJournal(source: EarlierJournalSource, factory: IDBFactory): Promise<void> {
  const plan = await source.plan();
  if (plan.kind === 'none') return;
  if (plan.kind === 'failed') throw new EarlierJournalError(plan.problem);
  try {
    const chunks: RawChunk[] = [];
    // One at a time: each part is bounded, and main holds them until this page says it is done.
    for (let index = 0; index < plan.chunks; index += 1) chunks.push(await source.chunk(index));
    const outcome = await loadDatabase(factory, plan.database, chunks);
    await source.finish(outcome);
  } catch (error) {
    throw new EarlierJournalError(error instanceof Error ? error.message : String(error));
  }
}
