// Presence claims: a member's fresh signed claim counts; forged, foreign, outsiders', removed members', stale,
// far-future, padded, oversized and garbage states never do, and checking them never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newCircleId } from '@shared/circles/membership';
import {
  MAX_PRESENCE_STATES,
  parsePresenceClaim,
  PRESENCE_TIMING,
  presenceContext,
  PresenceVerifier,
  signPresenceClaim,
  type PresenceClaim,
  type PresenceRejection,
  type PresenceScope,
} from '@shared/circles/presence';
import { identityPool, makeCircle, T0, type TestCircle } from '../../support/circles';

const { maxAgeMs, maxAheadMs } = PRESENCE_TIMING;

async function setup(): Promise<{ circle: TestCircle; scope: PresenceScope; context: string }> {
  const circle = await makeCircle(3);
  const context = await presenceContext(circle.circleId, 0);
  return { circle, context, scope: { context, epoch: 0, roster: await circle.membership(), now: T0 } };
}

function person(circle: TestCircle, index: number) {
  const found = circle.people[index];
  if (!found) throw new Error(`no person ${String(index)}`);
  return found;
}

async function outsider() {
  const found = (await identityPool())[7];
  if (!found) throw new Error('pool');
  return found;
}

async function reasonFor(raw: unknown, scope: PresenceScope, verifier = new PresenceVerifier()): Promise<PresenceRejection | 'ok'> {
  const result = await verifier.check(raw, scope);
  return result.ok ? 'ok' : result.reason;
}

const flip = (text: string, at = 10): string => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('presence claims', () => {
  it('round-trip through JSON and carry only a key id, an opaque context, a time and a signature', async () => {
    const { circle, context, scope } = await setup();
    const alice = person(circle, 1);
    const claim = await signPresenceClaim(alice, context, T0);
    expect(Object.keys(claim).sort()).toEqual(['context', 'issuedAt', 'keyId', 'sig']);
    const text = JSON.stringify(claim);
    expect(text).not.toContain(circle.circleId);
    expect(text).not.toContain('Person');
    expect(await new PresenceVerifier().check(JSON.parse(text), scope)).toEqual({ ok: true, keyId: alice.publicIdentity.keyId, expiresAt: T0 + maxAgeMs });
    // The context is per circle and per epoch, and stable.
    expect(await presenceContext(circle.circleId, 0)).toBe(context);
    expect(await presenceContext(circle.circleId, 1)).not.toBe(context);
  });

  it('refuse forged signatures and any field changed after signing', async () => {
    const { circle, context, scope } = await setup();
    const [alice, bob] = [person(circle, 1), person(circle, 2)];
    const claim = await signPresenceClaim(alice, context, T0);
    const verifier = new PresenceVerifier();
    expect(await reasonFor({ ...claim, sig: flip(claim.sig) }, scope, verifier)).toBe('bad-signature');
    expect(await reasonFor({ ...claim, issuedAt: claim.issuedAt + 1 }, scope, verifier)).toBe('bad-signature');
    // Bob's signature passed off as Alice's claim, and Alice's claim renamed as Bob's.
    const bobs = await signPresenceClaim(bob, context, T0);
    expect(await reasonFor({ ...bobs, keyId: alice.publicIdentity.keyId }, scope, verifier)).toBe('bad-signature');
    expect(await reasonFor({ ...claim, keyId: bob.publicIdentity.keyId }, scope, verifier)).toBe('bad-signature');
    // A forgery checked first does not spoil the genuine claim (results are cached per claim).
    expect(await reasonFor(claim, scope, verifier)).toBe('ok');
    expect(await reasonFor({ ...claim, sig: flip(claim.sig) }, scope, verifier)).toBe('bad-signature');
  });

  it('refuse outsiders, removed members and epochs the log has not started', async () => {
    const { circle, context, scope } = await setup();
    const [founder, bob] = [person(circle, 0), person(circle, 2)];
    expect(await reasonFor(await signPresenceClaim(await outsider(), context, T0), scope)).toBe('not-a-member');

    const bobsClaim = await signPresenceClaim(bob, context, T0);
    expect(await reasonFor(bobsClaim, scope)).toBe('ok');
    await circle.append(founder, { kind: 'remove-member', keyId: bob.publicIdentity.keyId, epoch: 0 });
    const afterRemoval = { ...scope, roster: await circle.membership() };
    // Removal counts at once, even for a claim that was good a moment ago.
    expect(await reasonFor(bobsClaim, afterRemoval)).toBe('not-a-member');

    const epochOne = await presenceContext(circle.circleId, 1);
    expect(await reasonFor(await signPresenceClaim(founder, epochOne, T0), { ...scope, context: epochOne, epoch: 1 })).toBe('not-a-member');
  });

  it('refuse a claim made for another circle or another epoch', async () => {
    const { circle, scope } = await setup();
    const alice = person(circle, 1);
    expect(await reasonFor(await signPresenceClaim(alice, await presenceContext(newCircleId(), 0), T0), scope)).toBe('wrong-circle');
    expect(await reasonFor(await signPresenceClaim(alice, await presenceContext(circle.circleId, 1), T0), scope)).toBe('wrong-circle');
  });

  it('count for two minutes by the receiver’s clock, and refuse claims more than a minute ahead of it', async () => {
    const { circle, context, scope } = await setup();
    const alice = person(circle, 1);
    const at = async (issuedAt: number, now = T0) => reasonFor(await signPresenceClaim(alice, context, issuedAt), { ...scope, now });
    expect(await at(T0 - maxAgeMs)).toBe('ok');
    expect(await at(T0 - maxAgeMs - 1)).toBe('stale');
    expect(await at(T0 + maxAheadMs)).toBe('ok');
    expect(await at(T0 + maxAheadMs + 1)).toBe('ahead');
    expect(await at(T0 + 365 * 24 * 3_600_000)).toBe('ahead');
    // A claim replayed later expires like any other.
    expect(await at(T0, T0 + maxAgeMs + 1)).toBe('stale');
    // Tests and slower circles can set their own window.
    const claim = await signPresenceClaim(alice, context, T0);
    const short = new PresenceVerifier({ resignEveryMs: 100, maxAgeMs: 300, maxAheadMs: 50 });
    expect(await reasonFor(claim, { ...scope, now: T0 + 301 }, short)).toBe('stale');
    expect(await reasonFor(claim, { ...scope, now: T0 - 51 }, short)).toBe('ahead');
  });

  it('refuse extra, missing and mistyped fields, and oversized values, before any crypto', async () => {
    const { circle, context, scope } = await setup();
    const claim = await signPresenceClaim(person(circle, 1), context, T0);
    const unsigned = { keyId: claim.keyId, context: claim.context, issuedAt: claim.issuedAt };
    const malformed: unknown[] = [
      null,
      'online',
      42,
      [claim],
      {},
      { ...claim, mood: 2 },
      { ...claim, pseudonym: 'Alice' },
      { ...claim, note: 'feeling low today' },
      unsigned,
      { ...claim, issuedAt: String(claim.issuedAt) },
      { ...claim, issuedAt: T0 + 0.5 },
      { ...claim, issuedAt: Number.NaN },
      { ...claim, keyId: `${claim.keyId}A` },
      { ...claim, context: 'not a hash' },
      { ...claim, sig: claim.sig.slice(1) },
      { ...claim, sig: 'A'.repeat(5_000_000) },
      { ...claim, keyId: { nested: claim.keyId } },
      Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`k${String(index)}`, index])),
    ];
    for (const raw of malformed) {
      expect(parsePresenceClaim(raw)).toBeNull();
      expect(await reasonFor(raw, scope)).toBe('malformed');
    }
  });
});

describe('who is online', () => {
  it('is the members with a valid fresh claim, minus me; the rest are listed with why they did not count', async () => {
    const { circle, context, scope } = await setup();
    const [founder, alice, bob] = [person(circle, 0), person(circle, 1), person(circle, 2)];
    const states = new Map<number, unknown>([
      [1, await signPresenceClaim(founder, context, T0)],
      [2, await signPresenceClaim(alice, context, T0 - 1_000)],
      [3, await signPresenceClaim(bob, context, T0 - 5_000)],
      [4, await signPresenceClaim(await outsider(), context, T0)],
      [5, { name: 'Mallory', mood: 1 }],
      [6, null],
      // Alice's claim again under another client id (a copy): she is online once.
      [7, await signPresenceClaim(alice, context, T0 - 1_000)],
      [8, await signPresenceClaim(bob, context, T0 - maxAgeMs - 1)],
    ]);
    const result = await new PresenceVerifier().evaluate(states, { ...scope, me: founder.publicIdentity.keyId });
    expect([...result.online].sort()).toEqual([alice.publicIdentity.keyId, bob.publicIdentity.keyId].sort());
    expect(result.nextExpiry).toBe(T0 - 5_000 + maxAgeMs);
    expect(result.rejected).toEqual([
      { clientId: 4, reason: 'not-a-member' },
      { clientId: 5, reason: 'malformed' },
      { clientId: 8, reason: 'stale' },
    ]);
    expect(result.skipped).toBe(0);

    const alone = await new PresenceVerifier().evaluate(new Map([[1, states.get(1)]]), { ...scope, me: founder.publicIdentity.keyId });
    expect(alone).toEqual({ online: new Set(), nextExpiry: null, rejected: [], skipped: 0 });
  });

  it('looks at no more than MAX_PRESENCE_STATES states, so a flood of client ids costs a bounded amount', async () => {
    const { circle, context, scope } = await setup();
    const alice = person(circle, 1);
    const states = new Map<number, unknown>();
    for (let id = 0; id < MAX_PRESENCE_STATES + 40; id += 1) states.set(id, { junk: 'x'.repeat(100) });
    states.set(999_999, await signPresenceClaim(alice, context, T0));
    const flooded = await new PresenceVerifier().evaluate(states, { ...scope, me: 'someone-else' });
    expect(flooded.online.size).toBe(0);
    expect(flooded.rejected).toHaveLength(MAX_PRESENCE_STATES);
    expect(flooded.skipped).toBe(41);

    // Ahead of the flood, the member counts.
    const first = new Map<number, unknown>([[999_999, states.get(999_999)], ...[...states].slice(0, 40)]);
    expect([...(await new PresenceVerifier().evaluate(first, { ...scope, me: 'someone-else' })).online]).toEqual([alice.publicIdentity.keyId]);
  });
});

describe('presence properties', () => {
  it('any issuance time inside the window counts and any outside does not', async () => {
    const { circle, context, scope } = await setup();
    const alice = person(circle, 1);
    const verifier = new PresenceVerifier();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -3 * maxAgeMs, max: 3 * maxAheadMs }), async (offset) => {
        const result = await verifier.check(await signPresenceClaim(alice, context, T0 + offset), scope);
        const expected = offset < -maxAgeMs ? 'stale' : offset > maxAheadMs ? 'ahead' : 'ok';
        expect(result.ok ? 'ok' : result.reason).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('changing any one field of a genuine claim to anything else never yields a valid claim', async () => {
    const { circle, context, scope } = await setup();
    const [alice, bob] = [person(circle, 1), person(circle, 2)];
    const claim = await signPresenceClaim(alice, context, T0);
    const other = await signPresenceClaim(bob, context, T0 + 7);
    const verifier = new PresenceVerifier();
    const field = fc.constantFrom<keyof PresenceClaim>('keyId', 'context', 'issuedAt', 'sig');
    const b64 = (length: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: length, maxLength: length });
    const value = fc.oneof(
      fc.anything(),
      b64(22),
      b64(43),
      b64(86),
      fc.integer({ min: T0 - maxAgeMs, max: T0 + maxAheadMs }),
      fc.constantFrom(other.keyId, other.context, other.issuedAt, other.sig),
    );
    await fc.assert(
      fc.asyncProperty(field, value, async (name, replacement) => {
        fc.pre(JSON.stringify(replacement) !== JSON.stringify(claim[name]));
        const result = await verifier.check({ ...claim, [name]: replacement }, scope);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('garbage states are never online and never make checking throw', async () => {
    const { circle, context, scope } = await setup();
    const alice = person(circle, 1);
    const claim = await signPresenceClaim(alice, context, T0);
    const verifier = new PresenceVerifier();
    const state = fc.oneof(
      fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withObjectString: true }),
      fc.record({ keyId: fc.string(), context: fc.string(), issuedAt: fc.double(), sig: fc.string() }),
      fc.record({ keyId: fc.constant(claim.keyId), context: fc.constant(claim.context), issuedAt: fc.constant(claim.issuedAt), sig: fc.constant(claim.sig), extra: fc.anything() }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), state), { maxLength: 20 }), async (entries) => {
        const result = await verifier.evaluate(new Map(entries), { ...scope, me: 'someone-else' });
        expect(result.online.size).toBe(0);
        expect(result.nextExpiry).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
