// The record codec: the one seam between journal records and what is written to disk. Before a vault
// exists it stores the record as structured data (`plain`); once unlocked, `sealed` encrypts each one
// (AES-256-GCM, record id and body version as associated data) without touching the repository or the UI.
import { CheckInSchema, type CheckIn } from '@shared/journal/checkIn';
import { placeOf, type RecordCipher } from '../vault/cipher';

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

/** Stores records as plain structured data (before a vault is set up; see DESIGN.md "Security at rest"). */
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

export const SEALED_CODEC = 'sealed';

function parseCheckIn(value: unknown): CheckIn {
  return CheckInSchema.parse(value);
}

/**
 * The codec for a cipher: sealed records once unlocked, plain ones before a vault exists. A plain row met
 * in an unlocked journal (written by an older window during set-up) is still read; its next save seals it.
 */
export function codecFor(cipher: RecordCipher): RecordCodec {
  if (cipher.kind === 'plain') return plainCodec;
  return {
    name: SEALED_CODEC,
    async encode(checkIn) {
      return { codec: SEALED_CODEC, v: BODY_VERSION, body: await cipher.seal(placeOf('checkIns', checkIn.id, BODY_VERSION), checkIn) };
    },
    async decode(id, sealed) {
      if (sealed.codec === 'plain') return plainCodec.decode(id, sealed);
      if (sealed.codec !== SEALED_CODEC) throw new RecordUnreadableError(id, `it was written by the "${sealed.codec}" codec`);
      const opened = await cipher.open(placeOf('checkIns', id, sealed.v), sealed.body, parseCheckIn);
      if (!opened.ok) throw new RecordUnreadableError(id, opened.message);
      if (opened.value.id !== id) throw new RecordUnreadableError(id, 'its id does not match its key');
      return opened.value;
    },
  };
}
