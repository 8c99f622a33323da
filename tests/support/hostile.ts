// Hostile-peer helpers: envelopes sealed around arbitrary plaintext (what a modified client could sign),
// and a view over a fresh doc that starts from an honest circle.
import * as Y from 'yjs';
import { toBase64Url, randomBytes, utf8, type Bytes } from '../../shared/circles/bytes';
import { ENVELOPE_VERSION, EnvelopeSchema, newEntryId, type Envelope } from '../../shared/circles/envelope';
import { signBytes, type DeviceIdentity } from '../../shared/circles/identity';
import { createVerifiedView, type VerifiedView } from '../../shared/circles/view';
import { T0, type TestCircle } from './circles';

export interface RawSealOptions {
  readonly circleId: string;
  readonly epoch?: number;
  readonly contentKey: CryptoKey;
  readonly identity: DeviceIdentity;
  /** Who the header names; the signer's own key id unless a forger says otherwise. */
  readonly author?: string;
  readonly entryId?: string;
  readonly seq?: number;
  readonly prev?: string;
  readonly claimedAt?: number;
}

/**
 * Seals any plaintext exactly as sealEnvelope does (same AAD and signed bytes), but without checking the
 * body: a member running a modified client. The envelope tests prove the formats agree (an honest body
 * sealed this way opens).
 */
export async function rawSeal(plaintext: string | Bytes, o: RawSealOptions): Promise<Envelope> {
  const header = {
    v: ENVELOPE_VERSION,
    circleId: o.circleId,
    epoch: o.epoch ?? 0,
    author: o.author ?? o.identity.publicIdentity.keyId,
    entryId: o.entryId ?? newEntryId(),
    seq: o.seq ?? 1,
    prev: o.prev ?? '',
    claimedAt: o.claimedAt ?? T0,
  };
  const aad = utf8(JSON.stringify(['hearth/envelope-aad/v1', header.v, header.circleId, header.epoch, header.author, header.entryId, header.seq, header.prev, header.claimedAt]));
  const iv = randomBytes(12);
  const bytes = typeof plaintext === 'string' ? utf8(plaintext) : plaintext;
  const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, o.contentKey, bytes));
  const unsigned = { ...header, iv: toBase64Url(iv), ct: toBase64Url(ct) };
  const signed = utf8(JSON.stringify(['hearth/envelope/v1', unsigned.v, unsigned.circleId, unsigned.epoch, unsigned.author, unsigned.entryId, unsigned.seq, unsigned.prev, unsigned.claimedAt, unsigned.iv, unsigned.ct]));
  return EnvelopeSchema.parse({ ...unsigned, sig: await signBytes(o.identity, signed) });
}

export function hostileViewOf(circle: TestCircle, doc: Y.Doc, extraKeys: readonly [number, CryptoKey][] = []): VerifiedView {
  return createVerifiedView(doc, {
    circleId: circle.circleId,
    founder: circle.founder.publicIdentity.keyId,
    epochKeys: new Map([[0, circle.keys.contentKey], ...extraKeys]),
  });
}

/** The notes of the posts a view shows, sorted, so order of arrival does not matter. */
export const shownNotes = (view: VerifiedView): string[] => view.posts().map((post) => post.fields.note ?? '').sort();

/** A view that stopped on an internal error says so in membershipProblem; hostile input must never do that. */
export const crashed = (view: VerifiedView): boolean => (view.membershipProblem() ?? '').startsWith('The circle view stopped unexpectedly');

/** Every kind of suspicion the view raised about a claimed author (or any, when none given). */
export function flagsFor(view: VerifiedView, author?: string): string[] {
  return view
    .suspicious()
    .filter((s) => author === undefined || s.claimedAuthor === author)
    .map((s) => s.kind);
}

/** Applies bytes the way a sync message does, reporting instead of throwing. */
export function applyQuietly(doc: Y.Doc, update: Uint8Array, origin: unknown = 'hostile-peer'): { threw: boolean } {
  try {
    Y.applyUpdate(doc, update, origin);
    return { threw: false };
  } catch {
    return { threw: true };
  }
}
