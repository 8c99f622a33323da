// The record codec: the one seam between journal records and what is written to disk. Today it stores
// the record as structured data; encryption at rest replaces it with a sealing codec without touching
// the repository or the UI.
import { CheckInSchema, type CheckIn } from '@shared/journal/checkIn';

/** The current layout version of a stored body; written next to it so later codecs can upgrade it. */
export const BODY_VERSION = 1;

export interface SealedBody {
  /** Which codec wrote the body. */
  readonly codec: string;
  /** The body's layout version (see BODY_VERSION). */
  readonly v: number;
  readonly body: unknown;
}

export interface RecordCodec {
  readonly name: string;
  encode(checkIn: CheckIn): Promise<SealedBody>;
  /** Decodes and validates; throws RecordUnreadableError when the stored body cannot be trusted. */
  decode(id: string, sealed: SealedBody): Promise<CheckIn>;
}

export class RecordUnreadableError extends Error {
  constructor(
    readonly recordId: string,
    reason: string,
  ) {
    super(`Check-in ${recordId} could not be read: ${reason}`);
    this.name = 'RecordUnreadableError';
  }
}

/** Stores records as plain structured data (no encryption yet; see DESIGN.md "Security at rest"). */
export const plainCodec: RecordCodec = {
  name: 'plain',
  encode(checkIn) {
    return Promise.resolve({ codec: 'plain', v: BODY_VERSION, body: checkIn });
  },
  decode(id, sealed) {
    if (sealed.codec !== 'plain') return Promise.reject(new RecordUnreadableError(id, `it was written by the "${sealed.codec}" codec`));
    const parsed = CheckInSchema.safeParse(sealed.body);
    if (!parsed.success) return Promise.reject(new RecordUnreadableError(id, parsed.error.issues[0]?.message ?? 'invalid record'));
    if (parsed.data.id !== id) return Promise.reject(new RecordUnreadableError(id, 'its id does not match its key'));
    return Promise.resolve(parsed.data);
  },
};
