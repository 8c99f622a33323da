// Invite codes and links: every way a person might paste one is read, typos are caught by the check, a link's
// relays and facilitator key come back exactly, nothing throws, and refusals are clear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, randomBytes, toBase64Url } from '@shared/circles/bytes';
import { relayKey } from '@shared/circles/connection';
import {
  createInvite,
  deriveHandshakeRoom,
  INVITE_LINK_MAX_CHARS,
  INVITE_STATUS_MESSAGES,
  inviteLink,
  inviteStatus,
  newInviteState,
  parseInvite,
  revokeInvite,
  useInvite,
} from '@shared/circles/invite';

import { relayUrlArb } from '../../support/arbitraries';

const HOUR = 3_600_000;
const keyIdArb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map(toBase64Url);

function expectMessage(text: string, pattern: RegExp): void {
  const result = parseInvite(text);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(pattern);
}

describe('invite codes', () => {
  it('are 28 characters in seven groups of four, with a hearth://join link, and fresh each time', () => {
    const invite = createInvite();
    expect(invite.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(invite.link).toBe(`hearth://join#${invite.code.replace(/-/g, '')}`);
    expect(invite.secret.length).toBe(26);
    expect(createInvite().code).not.toBe(invite.code);
  });

  it('parse back from the code, any case or grouping, look-alike letters, and the link with white space', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.boolean(), (groupSize, lower) => {
        const invite = createInvite();
        const plain = invite.code.replace(/-/g, '');
        const regrouped = (plain.match(new RegExp(`.{1,${String(groupSize)}}`, 'g')) ?? []).join(groupSize % 2 ? ' ' : '-');
        const forms = [invite.code, invite.link, `  ${invite.link}\n`, lower ? regrouped.toLowerCase() : regrouped, plain.replace(/1/g, 'l').replace(/0/g, 'O'), `HEARTH://JOIN#${plain}`];
        for (const form of forms) {
          const parsed = parseInvite(form);
          expect(parsed.ok).toBe(true);
          if (parsed.ok) {
            expect(parsed.code).toBe(invite.code);
            expect(parsed.secret).toEqual(invite.secret);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('catch every single mistyped character and every swap of two different neighbours', () => {
    for (let run = 0; run < 5; run++) {
      const plain = createInvite().code.replace(/-/g, '');
      for (let i = 0; i < plain.length; i++) {
        for (const replacement of CROCKFORD_ALPHABET) {
          if (replacement === plain[i]) continue;
          const typo = plain.slice(0, i) + replacement + plain.slice(i + 1);
          expect(parseInvite(typo).ok).toBe(false);
        }
        if (i + 1 < plain.length && plain[i] !== plain[i + 1]) {
          const swapped = plain.slice(0, i) + (plain[i + 1] ?? '') + (plain[i] ?? '') + plain.slice(i + 2);
          expect(parseInvite(swapped).ok).toBe(false);
        }
      }
    }
  });

  it('explain what is wrong in plain words', () => {
    const plain = createInvite().code.replace(/-/g, '');
    expectMessage(plain.slice(0, 20), /incomplete — check that you copied all of it/);
    expectMessage(`${plain}7`, /longer than an invite code/);
    expectMessage(`${plain.slice(0, 27)}${plain[27] === 'A' ? 'B' : 'A'}`, /mistyped/);
    expectMessage(`${plain.slice(0, 10)}U${plain.slice(11)}`, /never use: “U”/);
    expectMessage('https://example.org/join#ABCD', /isn’t a Hearth invite/);
    expectMessage('   ', /Paste or type/);
  });

  it('lead to a handshake room that is deterministic per code and differs between codes', async () => {
    const a = createInvite();
    const parsed = parseInvite(a.link);
    if (!parsed.ok) throw new Error(parsed.message);
    const first = await deriveHandshakeRoom(a.secret);
    const again = await deriveHandshakeRoom(parsed.secret);
    expect(again.roomName).toBe(first.roomName);
    expect(again.password).toBe(first.password);
    expect(again.inviteId).toBe(first.inviteId);
    expect(first.roomName).toMatch(/^hearth-[0-9a-z]{32}$/);
    const other = await deriveHandshakeRoom(createInvite().secret);
    expect(other.roomName).not.toBe(first.roomName);
    expect(other.inviteId).not.toBe(first.inviteId);
    expect(first.roomName.toUpperCase()).not.toContain(a.code.replace(/-/g, '').slice(0, 8));
  });
});

describe('invite links with details', () => {
  it('carry the circle’s relays and the facilitator’s key id and read back exactly, in any way they are pasted', () => {
    fc.assert(
      fc.property(fc.uniqueArray(relayUrlArb, { maxLength: 8, selector: relayKey }), fc.option(keyIdArb, { nil: null }), fc.boolean(), (relays, facilitator, wrapped) => {
        const invite = createInvite();
        const link = inviteLink(invite, { relays, facilitator });
        // A mail program may wrap a long link; white space inside it is ignored.
        const pasted = wrapped ? `  ${link.replace(/&/g, '&\n ')}\n` : link;
        const parsed = parseInvite(pasted);
        expect(parsed).toEqual({ ok: true, code: invite.code, link: invite.link, secret: invite.secret, relays, facilitator });
        expect(link.length).toBeLessThanOrEqual(INVITE_LINK_MAX_CHARS);
      }),
      { numRuns: 150 },
    );
  });

  it('keep the bare code and link complete invites, without details', () => {
    const invite = createInvite();
    expect(inviteLink(invite, {})).toBe(invite.link);
    for (const form of [invite.code, invite.link, `${invite.link}&`]) expect(parseInvite(form)).toMatchObject({ ok: true, relays: [], facilitator: null });
  });

  it('leave out unusable and repeated relays when writing, and keep details after a bare code when reading', () => {
    const invite = createInvite();
    const keyId = toBase64Url(randomBytes(16));
    const link = inviteLink(invite, { relays: ['wss://relay.example.org', 'https://web.example.org', 'WSS://RELAY.example.org/'], facilitator: keyId });
    expect(link).toBe(`${invite.link}&relay=wss%3A%2F%2Frelay.example.org&by=${keyId}`);
    expect(parseInvite(`${invite.code}&relay=ws%3A%2F%2F192.168.1.20%3A4444`)).toMatchObject({ ok: true, relays: ['ws://192.168.1.20:4444'] });
    // A relay written out unencoded, and names a later version may add, are read as they stand.
    expect(parseInvite(`${invite.link}&relay=wss://relay.example.org/x&circle-colour=blue`)).toMatchObject({ ok: true, relays: ['wss://relay.example.org/x'], facilitator: null });
  });

  it('explain what is wrong with a link’s details in plain words', () => {
    const { link } = createInvite();
    const keyId = toBase64Url(randomBytes(16));
    const cases: [string, RegExp][] = [
      [`${link}&relay=https%3A%2F%2Frelay.example.org`, /names a relay Hearth can’t use: it is a web page address, not a ws:\/\/ or wss:\/\/ relay\. Ask the facilitator to send the link again\.$/],
      [`${link}&relay=ftp%3A%2F%2Frelay.example.org`, /it doesn’t start with ws:\/\/ or wss:\/\//],
      [`${link}&relay=`, /it is empty/],
      [`${link}&relay=wss%3A%2F%2F${'a'.repeat(600)}.org`, /it is too long/],
      [`${link}&relay=wss%3A%2F%2Fsam%3Apw%40relay.example.org`, /a name and password/],
      [`${link}&relay=wss%3A%2F%2Frelay.example.org%23x`, /contains “#”/],
      [`${link}&relay=wss%3A%2F%2Frelay%E0%A4%A`, /^Part of this link is damaged/],
      [`${link}${Array.from({ length: 9 }, (_, i) => `&relay=ws%3A%2F%2Frelay${String(i)}.example.org`).join('')}`, /more than 8 relays/],
      [`${link}&by=short`, /facilitator’s key in this link is damaged/],
      [`${link}&by=${keyId}&by=${toBase64Url(randomBytes(16))}`, /facilitator’s key in this link is damaged/],
      [`${link}&relay=${'x'.repeat(INVITE_LINK_MAX_CHARS)}`, /far longer than a Hearth invite/],
    ];
    for (const [text, message] of cases) {
      const parsed = parseInvite(text);
      expect([text.slice(0, 80), parsed.ok]).toEqual([text.slice(0, 80), false]);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    }
    // The code is checked first: a typo in it is what the person needs to hear about.
    expect(parseInvite(`hearth://join#ABCD&relay=nonsense`)).toEqual({ ok: false, message: 'That code looks incomplete — check that you copied all of it.' });
  });

  it('never throw on anything pasted, and every refusal is a sentence', () => {
    const invite = createInvite();
    const link = inviteLink(invite, { relays: ['wss://relay.example.org'], facilitator: toBase64Url(randomBytes(16)) });
    const mangled = fc
      .tuple(fc.integer({ min: 0, max: link.length }), fc.integer({ min: 0, max: 12 }), fc.string({ unit: 'binary' }))
      .map(([at, cut, insert]) => link.slice(0, at) + insert + link.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string().map((text) => `hearth://join#${text}`), fc.string().map((text) => `${invite.code}&${text}`), mangled), (text) => {
        const parsed = parseInvite(text);
        if (parsed.ok) expect(parsed.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
        else expect(parsed.message).toMatch(/^[A-Z“].{10,}[.]$/s);
      }),
      { numRuns: 600 },
    );
  });
});

describe('invite status', () => {
  const t0 = Date.UTC(2025, 0, 1);

  it('is pending for 72 hours and one use by default', () => {
    const invite = newInviteState('id', t0);
    expect(inviteStatus(invite, t0)).toBe('pending');
    expect(inviteStatus(invite, t0 + 72 * HOUR - 1)).toBe('pending');
    expect(inviteStatus(invite, t0 + 72 * HOUR)).toBe('expired');
    const used = useInvite(invite, t0 + HOUR);
    expect(used.ok).toBe(true);
    if (!used.ok) return;
    expect(inviteStatus(used.invite, t0 + HOUR)).toBe('used-up');
    expect(useInvite(used.invite, t0 + 2 * HOUR)).toEqual({ ok: false, status: 'used-up' });
  });

  it('counts several uses, refuses after expiry, and revocation wins', () => {
    let invite = newInviteState('id', t0, { maxUses: 3, lifetimeMs: HOUR });
    for (let i = 0; i < 2; i++) {
      const used = useInvite(invite, t0);
      if (!used.ok) throw new Error(used.status);
      invite = used.invite;
    }
    expect(inviteStatus(invite, t0)).toBe('pending');
    expect(useInvite(invite, t0 + HOUR)).toEqual({ ok: false, status: 'expired' });
    const revoked = revokeInvite(invite, t0 + 1);
    expect(inviteStatus(revoked, t0 + 2)).toBe('revoked');
    expect(inviteStatus(revoked, t0 + 2 * HOUR)).toBe('revoked');
    expect(revokeInvite(revoked, t0 + 5)).toBe(revoked);
    expect(INVITE_STATUS_MESSAGES.expired).toMatch(/expired — ask the facilitator/);
  });
});
