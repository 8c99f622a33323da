// The layout of a circle's Y.Doc. The doc is an untrusted cache: anyone holding the room secret can write
// anything into it, so it holds only signed envelopes, signed log entries and lockboxes, never plaintext.
import type * as Y from 'yjs';
import type { Envelope } from './envelope';
import type { Lockbox } from './lockbox';
import { logEntryHash, type LogEntry } from './membership';
import { noteKey, type SealedNote } from './report';

/** Envelopes keyed `author/entryId`: an update or an author's own retraction replaces the earlier copy. */
export const ENVELOPES_MAP = 'envelopes';
/** Membership log entries keyed by their hash, so concurrent facilitators never overwrite each other. */
export const MEMBERSHIP_MAP = 'membership';
/** Lockboxes keyed `epoch/recipient`. */
export const LOCKBOXES_MAP = 'lockboxes';
/** Reports and their outcomes (sealed notes only their recipients can open), keyed `sender/id`. */
export const REPORTS_MAP = 'reports';
/**
 * Envelopes that prove an author equivocated (two different envelopes for one sequence number, or a chain
 * that skips the envelope its author signed before), keyed `author/seq/hash`. Honest views publish what
 * they found here, so every member reaches the same view whichever version reached them first.
 */
export const EVIDENCE_MAP = 'evidence';

export function envelopesOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ENVELOPES_MAP);
}

export function membershipOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(MEMBERSHIP_MAP);
}

export function lockboxesOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(LOCKBOXES_MAP);
}

export function reportsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(REPORTS_MAP);
}

export function evidenceOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(EVIDENCE_MAP);
}

export function evidenceKey(envelope: Pick<Envelope, 'author' | 'seq'>, hash: string): string {
  return `${envelope.author}/${String(envelope.seq)}/${hash}`;
}

/** Publishes envelopes a view found to prove equivocation; ones already there are left as they are. */
export function writeEvidence(doc: Y.Doc, evidence: readonly { readonly envelope: Envelope; readonly hash: string }[]): void {
  const map = evidenceOf(doc);
  const missing = evidence.filter((item) => !map.has(evidenceKey(item.envelope, item.hash)));
  if (missing.length === 0) return;
  doc.transact(() => {
    for (const item of missing) map.set(evidenceKey(item.envelope, item.hash), { ...item.envelope });
  });
}

export function writeNote(doc: Y.Doc, note: SealedNote): void {
  reportsOf(doc).set(noteKey(note), structuredClone(note));
}

export function envelopeKey(ref: { readonly author: string; readonly entryId: string }): string {
  return `${ref.author}/${ref.entryId}`;
}

/** Writes an envelope in its slot (a fresh plain object, so the caller's value is never shared). */
export function writeEnvelope(doc: Y.Doc, envelope: Envelope): void {
  envelopesOf(doc).set(envelopeKey(envelope), { ...envelope });
}

export async function writeLogEntry(doc: Y.Doc, entry: LogEntry): Promise<void> {
  const key = await logEntryHash(entry);
  const map = membershipOf(doc);
  if (!map.has(key)) map.set(key, structuredClone(entry));
}

export function writeLockbox(doc: Y.Doc, lockbox: Lockbox): void {
  lockboxesOf(doc).set(`${String(lockbox.epoch)}/${lockbox.recipient}`, { ...lockbox });
}

/** The raw value in a lockbox slot; parse it with openLockbox. */
export function readLockbox(doc: Y.Doc, epoch: number, recipient: string): unknown {
  return lockboxesOf(doc).get(`${String(epoch)}/${recipient}`);
}
