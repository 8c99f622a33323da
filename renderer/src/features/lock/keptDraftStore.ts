// Where a check-in being written when Hearth locked waits for the next unlock: one sealed row in the
// settings store (sealed like every other row there, under the journal's key), taken back once.
import type { HearthDatabase } from '../../db/database';
import { readValue, writeValue } from '../../db/sealedRows';
import { KeptDraftSchema, type KeptDraft } from '../checkin/keptDraft';
import { logger } from '../../logger';

const KEPT_DRAFT_KEY = 'kept-draft';

export async function keepDraft(db: HearthDatabase, draft: KeptDraft): Promise<void> {
  await writeValue(db, 'settings', KEPT_DRAFT_KEY, draft);
}

/** The kept draft, removed from the store as it is taken; null when there is none or it can't be read. */
export async function takeKeptDraft(db: HearthDatabase): Promise<KeptDraft | null> {
  const read = await readValue(db, 'settings', KEPT_DRAFT_KEY, (value) => KeptDraftSchema.parse(value));
  if (read.kind === 'absent') return null;
  if (!read.ok) {
    // Left in place, not deleted: a damaged row is evidence, and it is small.
    logger.warn('a check-in kept at the last lock could not be read', read.message);
    return null;
  }
  await db.settings.delete(KEPT_DRAFT_KEY);
  return read.value;
}
