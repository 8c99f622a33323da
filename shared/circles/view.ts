// The verified view of a circle doc: shows only envelopes that verify, decrypt and come from a member of their
// epoch. It keeps its own accepted state, so raw Yjs deletes or overwrites by anyone change nothing it shows.
import type * as Y from 'yjs';
import { type Body, type CircleInfoBody, type ContentWarning, type EntryRef, type Reaction, type SharedFields } from './body';
import { envelopeKey, envelopesOf, evidenceKey, evidenceOf, membershipOf } from './circleDoc';
import {
  envelopeHash,
  idsMatch,
  parseEnvelope,
  roleAllows,
  verifyAndDecrypt,
  type AuthorState,
  type Envelope,
  type MemberRole,
  type OpenFailure,
} from './envelope';
import { importVerifyKey } from './identity';
import { LogEntrySchema, logEntryHash, verifyHashedLog, type HashedLogEntry, type Membership } from './membership';

export interface ViewContext {
  readonly circleId: string;
  /** The founder's key id, learned out of band (the invite handshake): the membership log's trust anchor. */
  readonly founder: string;
  /** Content keys by epoch; more can be added later with addEpochKey. */
  readonly epochKeys?: ReadonlyMap<number, CryptoKey>;
  /** This device's key id, to mark its own reactions. */
  readonly me?: string;
}

export interface CircleMember {
  readonly keyId: string;
  readonly pseudonym: string;
  readonly role: MemberRole;
}

export type ReactionCounts = Readonly<Record<Reaction, number>>;

export interface ViewReply {
  readonly ref: EntryRef;
  readonly author: CircleMember;
  readonly text: string;
  readonly claimedAt: number;
  readonly reactions: ReactionCounts;
  readonly myReaction?: Reaction;
}

export interface ViewPost {
  readonly ref: EntryRef;
  readonly author: CircleMember;
  readonly epoch: number;
  readonly fields: SharedFields;
  readonly contentWarning?: ContentWarning;
  readonly sharedAt: number;
  readonly claimedAt: number;
  /** Oldest first; one level only. */
  readonly replies: readonly ViewReply[];
  readonly reactions: ReactionCounts;
  readonly myReaction?: Reaction;
}

export interface HiddenByFacilitator {
  readonly ref: EntryRef;
  readonly kind: 'post' | 'reply';
  readonly hiddenAt: number;
}

export type SuspicionKind = 'forged' | 'equivocation' | 'misplaced' | Exclude<OpenFailure, 'bad-signature' | 'unknown-epoch' | 'not-a-member'>;

/**
 * Something in the doc that an honest client would not have written. Yjs does not say which peer wrote a
 * value, so `claimedAuthor` is only who the value claims to be from (a forger may name someone innocent).
 */
export interface Suspicion {
  readonly kind: SuspicionKind;
  readonly docKey: string;
  readonly claimedAuthor?: string;
}

export interface VerifiedView {
  /** Newest first by claimed time; each with its replies and reaction counts. */
  posts(): readonly ViewPost[];
  membership(): Membership | null;
  /** Why there is no membership yet, in words a person can act on. */
  membershipProblem(): string | null;
  circleInfo(): Omit<CircleInfoBody, 'kind'> | null;
  /** My own posts and replies that a facilitator hid for everyone (so I can be told, kindly). */
  hiddenFromMe(): readonly HiddenByFacilitator[];
  suspicious(): readonly Suspicion[];
  /**
   * Members whose key signed two different envelopes for one sequence number (or a chain that skips one it
   * signed): their conflicting envelopes are hidden for everyone alike. Only what they signed proves it, so
   * no one else can make an honest member appear here.
   */
  equivocators(): ReadonlySet<string>;
  /** The signed envelopes that prove each equivocation, to publish in the doc's evidence map (writeEvidence). */
  evidence(): readonly { readonly envelope: Envelope; readonly hash: string }[];
  /** Envelopes held back until the log or a key explains them (capped at MAX_WAITING), for diagnostics and tests. */
  waitingCount(): number;
  /** The last verified envelope by an author, so a device can continue its own sequence after a restart. */
  authorState(keyId: string): AuthorState | null;
  addEpochKey(epoch: number, key: CryptoKey): void;
  subscribe(listener: () => void): () => void;
  /** Resolves once everything the doc held so far has been verified and the view rebuilt. */
  whenIdle(): Promise<void>;
  destroy(): void;
}

interface Opened {
  readonly envelope: Envelope;
  readonly body: Body;
  readonly hash: string;
}

export const MAX_SUSPICIONS = 200;
export const MAX_WAITING = 20_000;
/**
 * Log entries looked at per key id they claim as signer that neither chain onto the verified log nor are on
 * it (a branch whose start has not arrived). Entries on the chain are kept for good; entries that chain on
 * are judged at once (one signature check each, remembered); entries refused are never looked at again. So
 * a flood signed by, or in the name of, one key costs one check per entry and never hides the real log.
 */
export const MAX_PENDING_LOG_ENTRIES_PER_SIGNER = 500;
/** How many envelopes are hashed or verified at once. */
const BATCH = 64;

export function createVerifiedView(doc: Y.Doc, ctx: ViewContext): VerifiedView {
  const envelopes = envelopesOf(doc);
  const evidenceMap = evidenceOf(doc);
  const log = membershipOf(doc);
  const keys = new Map<number, CryptoKey>(ctx.epochKeys ?? []);
  const listeners = new Set<() => void>();

  // What this view has accepted. Nothing here is ever removed because the doc changed.
  const logChain = new Map<string, HashedLogEntry>();
  /** Each membership-map key's entry as last read (null: not a log entry of this circle). */
  const logByKey = new Map<string, (HashedLogEntry & { refused: boolean }) | null>();
  const logSignatures = new Map<string, boolean>();
  const dirtyLogKeys = new Set<string>();
  const opened = new Map<string, Opened>();
  const refused = new Set<string>();
  const waiting = new Map<string, Envelope>();
  /** Verified envelopes that so far came only from the evidence map: they count only as proof of equivocation. */
  const evidenceOnly = new Set<string>();
  const dirtyEvidence = new Set<string>();
  const verifyKeys = new Map<string, CryptoKey | null>();
  const suspicions = new Map<string, Suspicion>();

  let membership: Membership | null = null;
  let membershipProblem: string | null = 'This circle’s membership record has not arrived yet.';
  let posts: readonly ViewPost[] = [];
  let info: Omit<CircleInfoBody, 'kind'> | null = null;
  let hiddenFromMe: readonly HiddenByFacilitator[] = [];
  let equivocators: ReadonlySet<string> = new Set();
  let evidence: readonly Opened[] = [];

  const dirtyKeys = new Set<string>();
  let logDirty = false;
  let retryWaiting = false;
  let chain: Promise<void> = Promise.resolve();
  let scheduled = false;
  let destroyed = false;

  function suspect(kind: SuspicionKind, docKey: string, claimedAuthor?: string): void {
    const id = `${kind}:${docKey}:${claimedAuthor ?? ''}`;
    if (suspicions.has(id) || suspicions.size >= MAX_SUSPICIONS) return;
    suspicions.set(id, claimedAuthor === undefined ? { kind, docKey } : { kind, docKey, claimedAuthor });
  }

  function schedule(): void {
    if (scheduled || destroyed) return;
    scheduled = true;
    chain = chain.then(run).catch((error: unknown) => {
      // Verification never throws for bad peer data; an error here is a bug, kept visible rather than lost.
      membershipProblem = `The circle view stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
      notify();
    });
  }

  async function run(): Promise<void> {
    scheduled = false;
    let changed = false;
    if (logDirty) {
      logDirty = false;
      changed = (await refreshMembership()) || changed;
    }
    const keysNow = [...dirtyKeys];
    dirtyKeys.clear();
    // Hashing runs concurrently in batches: WebCrypto works off the main thread, so a new member's
    // thousand envelopes use every core instead of waiting on one digest at a time.
    for (let start = 0; start < keysNow.length; start += BATCH) {
      const outcomes = await Promise.all(keysNow.slice(start, start + BATCH).map(intake));
      if (outcomes.includes('promoted')) changed = true;
    }
    const evidenceNow = [...dirtyEvidence];
    dirtyEvidence.clear();
    for (let start = 0; start < evidenceNow.length; start += BATCH) await Promise.all(evidenceNow.slice(start, start + BATCH).map(intakeEvidence));
    if (retryWaiting || keysNow.length > 0 || evidenceNow.length > 0) {
      retryWaiting = false;
      changed = (await verifyWaiting()) || changed;
    }
    if (changed) {
      rebuild();
      notify();
    }
  }

  /**
   * What the log is verified from: the chain this view accepted (kept whatever the doc later says), every
   * entry in the doc that reaches it through other entries' `prev` and was not refused where it chains on,
   * and a capped few per claimed signer of the rest, smallest position first.
   */
  function logCandidates(): HashedLogEntry[] {
    const out = new Map<string, HashedLogEntry>(logChain);
    const byPrev = new Map<string, HashedLogEntry[]>();
    for (const item of logByKey.values()) if (item && !item.refused && !out.has(item.hash)) pushTo(byPrev, item.entry.prev, item);
    const frontier = ['', ...logChain.keys()];
    for (let next = frontier.pop(); next !== undefined; next = frontier.pop()) {
      for (const item of byPrev.get(next) ?? []) {
        if (out.has(item.hash)) continue;
        out.set(item.hash, item);
        frontier.push(item.hash);
      }
      byPrev.delete(next);
    }
    const others = new Map<string, HashedLogEntry[]>();
    for (const list of byPrev.values()) for (const item of list) pushTo(others, item.entry.signer, item);
    for (const list of others.values()) {
      list.sort((a, b) => a.entry.seq - b.entry.seq || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
      for (const item of list.slice(0, MAX_PENDING_LOG_ENTRIES_PER_SIGNER)) out.set(item.hash, item);
    }
    return [...out.values()];
  }

  async function refreshMembership(): Promise<boolean> {
    const keysNow = [...dirtyLogKeys];
    dirtyLogKeys.clear();
    const readOne = async (key: string): Promise<void> => {
      const parsed = LogEntrySchema.safeParse(log.get(key));
      if (!parsed.success || parsed.data.circleId !== ctx.circleId) {
        if (log.has(key)) logByKey.set(key, null);
        else logByKey.delete(key);
        return;
      }
      const hash = await logEntryHash(parsed.data);
      logByKey.set(key, { entry: parsed.data, hash, refused: logSignatures.get(hash) === false });
    };
    for (let start = 0; start < keysNow.length; start += BATCH) await Promise.all(keysNow.slice(start, start + BATCH).map(readOne));
    const candidates = logCandidates();
    const result = await verifyHashedLog(candidates, { circleId: ctx.circleId, founder: ctx.founder }, { signatureCache: logSignatures });
    const before = membership?.head.hash ?? null;
    if (result.ok) {
      membership = result.membership;
      membershipProblem = null;
      const onChain = new Set(result.acceptedHashes);
      for (const item of candidates) if (onChain.has(item.hash)) logChain.set(item.hash, item);
      for (const item of logByKey.values()) if (item && result.refusedHashes.has(item.hash) && !onChain.has(item.hash)) item.refused = true;
      // Signature results of entries no longer anywhere are dropped, so the memo follows what is held.
      if (logSignatures.size > 2 * (logByKey.size + logChain.size)) {
        const held = new Set([...logChain.keys(), ...[...logByKey.values()].flatMap((item) => (item ? [item.hash] : []))]);
        for (const hash of logSignatures.keys()) if (!held.has(hash)) logSignatures.delete(hash);
      }
    } else {
      membershipProblem = result.message;
    }
    const movedOn = (membership?.head.hash ?? null) !== before;
    if (movedOn) retryWaiting = true;
    return movedOn;
  }

  /** Reads one envelope slot; 'promoted' when an envelope known only as evidence turned up in its slot. */
  async function intake(docKey: string): Promise<'promoted' | undefined> {
    const raw = envelopes.get(docKey);
    if (raw === undefined) return; // a delete: ignored on purpose, the view keeps what it accepted
    const parsed = parseEnvelope(raw);
    if (!parsed.ok) {
      suspect(parsed.reason, docKey);
      return;
    }
    const envelope = parsed.envelope;
    if (envelopeKey(envelope) !== docKey) {
      suspect('misplaced', docKey, envelope.author);
      return;
    }
    if (envelope.circleId !== ctx.circleId) {
      suspect('wrong-circle', docKey, envelope.author);
      return;
    }
    const hash = await envelopeHash(envelope);
    if (evidenceOnly.delete(hash)) return 'promoted';
    if (opened.has(hash) || refused.has(hash)) return;
    // Envelopes from authors the log does not (yet) know wait; a flood of them is capped, not hoarded.
    if (waiting.size < MAX_WAITING) waiting.set(hash, envelope);
  }

  /** Reads one entry of the evidence map: an envelope under `author/seq/hash`, verified like any other. */
  async function intakeEvidence(docKey: string): Promise<void> {
    const raw = evidenceMap.get(docKey);
    if (raw === undefined) return;
    const parsed = parseEnvelope(raw);
    if (!parsed.ok) {
      suspect(parsed.reason, `evidence:${docKey}`);
      return;
    }
    const envelope = parsed.envelope;
    const hash = await envelopeHash(envelope);
    if (evidenceKey(envelope, hash) !== docKey || envelope.circleId !== ctx.circleId) {
      suspect('misplaced', `evidence:${docKey}`, envelope.author);
      return;
    }
    if (opened.has(hash) || refused.has(hash) || waiting.has(hash)) return;
    if (waiting.size < MAX_WAITING) {
      waiting.set(hash, envelope);
      evidenceOnly.add(hash);
    }
  }

  async function verifyKeyFor(keyId: string): Promise<CryptoKey | null | undefined> {
    if (verifyKeys.has(keyId)) return verifyKeys.get(keyId);
    const record = membership?.members.get(keyId);
    if (!record) return undefined;
    // A key id is a hash of its keys, so a key id's verifying key never changes and can be cached.
    const key = await importVerifyKey(record.signingKey);
    verifyKeys.set(keyId, key);
    return key;
  }

  /** Verifies what can be verified now; envelopes from unknown authors or epochs wait for the log or a key. */
  async function verifyWaiting(): Promise<boolean> {
    let changed = false;
    const ready: [string, Envelope, CryptoKey | null, CryptoKey][] = [];
    for (const [hash, envelope] of [...waiting]) {
      const contentKey = keys.get(envelope.epoch);
      const verifyKey = await verifyKeyFor(envelope.author);
      if (!contentKey || verifyKey === undefined) continue;
      waiting.delete(hash);
      ready.push([hash, envelope, verifyKey, contentKey]);
    }
    // Signatures and decryption run concurrently in batches (see run()); results apply in order.
    for (let start = 0; start < ready.length; start += BATCH) {
      const batch = ready.slice(start, start + BATCH);
      const outcomes = await Promise.all(batch.map(([, envelope, verifyKey, contentKey]) => check(envelope, verifyKey, contentKey)));
      outcomes.forEach((outcome, index) => {
        const item = batch[index];
        if (!item) return;
        const [hash, envelope] = item;
        if (outcome.ok) {
          opened.set(hash, { envelope, body: outcome.body, hash });
          changed = true;
        } else {
          refused.add(hash);
          suspect(outcome.reason, envelopeKey(envelope), envelope.author);
        }
      });
    }
    return changed;
  }

  async function check(envelope: Envelope, verifyKey: CryptoKey | null, contentKey: CryptoKey): Promise<{ ok: true; body: Body } | { ok: false; reason: SuspicionKind }> {
    if (verifyKey === null) return { ok: false, reason: 'forged' };
    const result = await verifyAndDecrypt(envelope, verifyKey, contentKey);
    if (!result.ok) return { ok: false, reason: result.reason === 'bad-signature' ? 'forged' : result.reason };
    if (!(await idsMatch(envelope, result.body))) return { ok: false, reason: 'not-allowed' };
    return { ok: true, body: result.body };
  }

  /**
   * Pure function of (opened, membership): the same inputs give the same view on every peer.
   *
   * Equivocation: an author's envelopes carry a sequence number and the hash of the one before. Two
   * different envelopes for one (author, seq), or an envelope whose `prev` is not the author's envelope of
   * the sequence number before, prove the author signed conflicting versions. Every envelope of an
   * equivocated (author, seq) is hidden, and a slot whose newest version is one of them shows nothing, so
   * peers agree whichever version reached them (the proof is published, see evidence()).
   */
  function rebuild(): void {
    const roster = membership;
    const byAuthorSeq = new Map<string, Opened[]>();
    for (const item of opened.values()) pushTo(byAuthorSeq, `${item.envelope.author}#${String(item.envelope.seq)}`, item);
    const equivocated = new Set<string>();
    const involved = new Map<string, Opened>();
    const prove = (seqKey: string, items: readonly Opened[]): void => {
      equivocated.add(seqKey);
      for (const item of items) involved.set(item.hash, item);
    };
    for (const [seqKey, items] of byAuthorSeq) if (items.length > 1) prove(seqKey, items);
    for (const item of opened.values()) {
      const { author, seq, prev } = item.envelope;
      if (seq <= 1) continue;
      const before = byAuthorSeq.get(`${author}#${String(seq - 1)}`);
      if (before && !before.some((other) => other.hash === prev)) prove(`${author}#${String(seq - 1)}`, [...before, item]);
    }
    equivocators = new Set([...equivocated].map((seqKey) => seqKey.slice(0, seqKey.lastIndexOf('#'))));
    evidence = [...involved.values()].sort((a, b) => (a.hash < b.hash ? -1 : 1));
    const latest = new Map<string, Opened>();
    for (const item of opened.values()) {
      // What came only as evidence counts only as proof: an old version put there cannot come back.
      if (evidenceOnly.has(item.hash) && !involved.has(item.hash)) continue;
      const { envelope } = item;
      if (equivocated.has(`${envelope.author}#${String(envelope.seq)}`)) suspect('equivocation', envelopeKey(envelope), envelope.author);
      const slot = envelopeKey(envelope);
      const current = latest.get(slot);
      if (!current || envelope.seq > current.envelope.seq || (envelope.seq === current.envelope.seq && item.hash < current.hash)) latest.set(slot, item);
    }
    for (const [slot, item] of [...latest]) if (equivocated.has(`${item.envelope.author}#${String(item.envelope.seq)}`)) latest.delete(slot);
    if (!roster) {
      posts = [];
      info = null;
      hiddenFromMe = [];
      return;
    }
    const admitted = [...latest.values()].filter((item) => roleAllows(item.envelope, item.body, roster));
    // Hiding someone else's words (and setting the charter) is for facilitators of the current epoch only:
    // a facilitator who was removed, or demoted, no longer decides what everyone sees.
    const facilitatorNow = (keyId: string): boolean => roster.memberAt(keyId, roster.currentEpoch)?.role === 'facilitator';

    const hidden = new Set<string>();
    const hiddenBy = new Map<string, Opened>();
    for (const item of admitted) {
      const { body, envelope } = item;
      if (body.kind !== 'tombstone') continue;
      const own = body.target.author === envelope.author;
      if (!own && !facilitatorNow(envelope.author)) continue;
      hidden.add(envelopeKey(body.target));
      if (!own) hiddenBy.set(envelopeKey(body.target), item);
    }
    const mine: HiddenByFacilitator[] = [];
    if (ctx.me !== undefined) {
      for (const [slot, hide] of hiddenBy) {
        const target = latest.get(slot);
        if (!target || target.envelope.author !== ctx.me || (target.body.kind !== 'post' && target.body.kind !== 'reply')) continue;
        mine.push({ ref: refOf(target.envelope), kind: target.body.kind, hiddenAt: hide.envelope.claimedAt });
      }
    }
    hiddenFromMe = mine.sort((a, b) => b.hiddenAt - a.hiddenAt);

    const memberOf = (envelope: Envelope): CircleMember => {
      const record = roster.members.get(envelope.author);
      return { keyId: envelope.author, pseudonym: record?.pseudonym ?? '', role: roster.memberAt(envelope.author, envelope.epoch)?.role ?? 'member' };
    };
    const reactionsFor = new Map<string, Map<string, Reaction>>();
    const repliesFor = new Map<string, Opened[]>();
    const postItems: Opened[] = [];
    let bestInfo: Opened | null = null;
    for (const item of admitted) {
      if (hidden.has(envelopeKey(item.envelope))) continue;
      const { body } = item;
      if (body.kind === 'post') postItems.push(item);
      else if (body.kind === 'reply') pushTo(repliesFor, envelopeKey(body.parent), item);
      else if (body.kind === 'reaction') {
        const target = envelopeKey(body.target);
        const byAuthor = reactionsFor.get(target) ?? new Map<string, Reaction>();
        byAuthor.set(item.envelope.author, body.reaction);
        reactionsFor.set(target, byAuthor);
      } else if (body.kind === 'circle-info') {
        // The newest info from a current facilitator wins; older facilitators' info counts only when there is none.
        const current = facilitatorNow(item.envelope.author);
        const bestCurrent = bestInfo !== null && facilitatorNow(bestInfo.envelope.author);
        if (!bestInfo || (current && !bestCurrent) || (current === bestCurrent && newer(item, bestInfo))) bestInfo = item;
      }
    }

    const reactionView = (target: string): { reactions: ReactionCounts; myReaction?: Reaction } => {
      const counts = { 'sending-support': 0, 'me-too': 0, 'thank-you': 0, hope: 0 } satisfies Record<Reaction, number>;
      const byAuthor = reactionsFor.get(target);
      for (const reaction of byAuthor?.values() ?? []) counts[reaction] += 1;
      const mine = ctx.me === undefined ? undefined : byAuthor?.get(ctx.me);
      return mine === undefined ? { reactions: counts } : { reactions: counts, myReaction: mine };
    };

    posts = postItems
      .flatMap((item): ViewPost[] => {
        const { envelope, body } = item;
        if (body.kind !== 'post') return [];
        const slot = envelopeKey(envelope);
        const replies = (repliesFor.get(slot) ?? [])
          .sort((a, b) => -compareNewest(a, b))
          .flatMap((reply): ViewReply[] =>
            reply.body.kind === 'reply'
              ? [{ ref: refOf(reply.envelope), author: memberOf(reply.envelope), text: reply.body.text, claimedAt: reply.envelope.claimedAt, ...reactionView(envelopeKey(reply.envelope)) }]
              : [],
          );
        return [
          {
            ref: refOf(envelope),
            author: memberOf(envelope),
            epoch: envelope.epoch,
            fields: body.fields,
            ...(body.contentWarning === undefined ? {} : { contentWarning: body.contentWarning }),
            sharedAt: body.sharedAt,
            claimedAt: envelope.claimedAt,
            replies,
            ...reactionView(slot),
          },
        ];
      })
      .sort((a, b) => compareNewest({ envelope: { claimedAt: a.claimedAt, author: a.ref.author, entryId: a.ref.entryId } }, { envelope: { claimedAt: b.claimedAt, author: b.ref.author, entryId: b.ref.entryId } }));
    const infoBody = bestInfo?.body;
    info = infoBody?.kind === 'circle-info' ? { name: infoBody.name, charter: infoBody.charter } : null;
  }

  function notify(): void {
    for (const listener of [...listeners]) listener();
  }

  const onEnvelopes = (event: Y.YMapEvent<unknown>): void => {
    const changedKeys: ReadonlySet<unknown> = event.keysChanged;
    for (const key of changedKeys) if (typeof key === 'string') dirtyKeys.add(key);
    schedule();
  };
  const onLog = (event: Y.YMapEvent<unknown>): void => {
    const changedKeys: ReadonlySet<unknown> = event.keysChanged;
    for (const key of changedKeys) if (typeof key === 'string') dirtyLogKeys.add(key);
    logDirty = true;
    schedule();
  };
  const onEvidence = (event: Y.YMapEvent<unknown>): void => {
    const changedKeys: ReadonlySet<unknown> = event.keysChanged;
    for (const key of changedKeys) if (typeof key === 'string') dirtyEvidence.add(key);
    schedule();
  };
  envelopes.observe(onEnvelopes);
  evidenceMap.observe(onEvidence);
  log.observe(onLog);
  for (const key of envelopes.keys()) dirtyKeys.add(key);
  for (const key of evidenceMap.keys()) dirtyEvidence.add(key);
  for (const key of log.keys()) dirtyLogKeys.add(key);
  logDirty = true;
  schedule();

  return {
    posts: () => posts,
    membership: () => membership,
    membershipProblem: () => membershipProblem,
    circleInfo: () => info,
    hiddenFromMe: () => hiddenFromMe,
    suspicious: () => [...suspicions.values()],
    equivocators: () => equivocators,
    evidence: () => evidence.map((item) => ({ envelope: item.envelope, hash: item.hash })),
    waitingCount: () => waiting.size,
    authorState(keyId) {
      let best: Opened | null = null;
      for (const item of opened.values()) {
        if (item.envelope.author === keyId && (!best || item.envelope.seq > best.envelope.seq)) best = item;
      }
      return best ? { seq: best.envelope.seq, hash: best.hash } : null;
    },
    addEpochKey(epoch, key) {
      keys.set(epoch, key);
      retryWaiting = true;
      schedule();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async whenIdle() {
      let seen: Promise<void>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain || scheduled);
    },
    destroy() {
      destroyed = true;
      envelopes.unobserve(onEnvelopes);
      evidenceMap.unobserve(onEvidence);
      log.unobserve(onLog);
      listeners.clear();
    },
  };
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function refOf(envelope: Envelope): EntryRef {
  return { author: envelope.author, entryId: envelope.entryId };
}

/** Newest first by claimed time; ties broken by author and id so every peer orders alike. */
function compareNewest(a: { envelope: Pick<Envelope, 'claimedAt' | 'author' | 'entryId'> }, b: { envelope: Pick<Envelope, 'claimedAt' | 'author' | 'entryId'> }): number {
  if (a.envelope.claimedAt !== b.envelope.claimedAt) return b.envelope.claimedAt - a.envelope.claimedAt;
  const ka = envelopeKey(a.envelope);
  const kb = envelopeKey(b.envelope);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function newer(a: Opened, b: Opened): boolean {
  if (a.envelope.claimedAt !== b.envelope.claimedAt) return a.envelope.claimedAt > b.envelope.claimedAt;
  return a.hash < b.hash;
}
