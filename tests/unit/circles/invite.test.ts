// Invite codes: every way a person might paste one is read, typos are caught by the check, refusals are clear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from '@shared/circles/bytes';
import {
  createInvite,
  deriveHandshakeRoom,
  INVITE_STATUS_MESSAGES,
  inviteStatus,
  newInviteState,
  parseInvite,
  revokeInvite,
  useInvite,
} from '@shared/circles/invite';

const HOUR = 3_600_000;

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
