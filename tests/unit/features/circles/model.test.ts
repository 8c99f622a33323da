// The circles UI's words: the status line (members online come from verified presence only; a bare
// connection is named as one), and what the facilitator is told beside an invite about relays (the code
// alone needs a matching setting; a circle whose relay is this computer only can't be reached from elsewhere).
import { describe, expect, it } from 'vitest';
import { CLOSED_FOR_DAMAGE, codeAloneNote, DAMAGE_NOTICE_MS, statusPhrases, unreachableRelayNote } from '../../../../renderer/src/features/circles/model';

const NOW = Date.UTC(2025, 5, 1, 12);

describe('statusPhrases', () => {
  it('counts members online from verified presence, not from connections', () => {
    expect(statusPhrases({ peers: 3, membersOnline: 2, lastSyncedAt: NOW, undelivered: 0, closedForDamageAt: null }, NOW)).toEqual(['2 members online']);
    expect(statusPhrases({ peers: 1, membersOnline: 1, lastSyncedAt: NOW, undelivered: 0, closedForDamageAt: null }, NOW)).toEqual(['1 member online']);
    // Connected, but no one there has shown a valid presence claim (yet).
    expect(statusPhrases({ peers: 1, membersOnline: 0, lastSyncedAt: NOW, undelivered: 0, closedForDamageAt: null }, NOW)).toEqual(['Connected to 1 device']);
  });

  it('says when no one is online, when it last synced, and what is waiting', () => {
    // The time phrase is in the device's language; only its place is checked here.
    expect(statusPhrases({ peers: 0, membersOnline: 0, lastSyncedAt: NOW - 5 * 60_000, undelivered: 2, closedForDamageAt: null }, NOW)).toEqual([
      expect.stringMatching(/^No one else online · Last synced .*5/),
      '2 updates of yours waiting to reach anyone',
    ]);
    expect(statusPhrases({ peers: 0, membersOnline: 0, lastSyncedAt: null, undelivered: 0, closedForDamageAt: null }, NOW)).toEqual(['Not synced yet — it syncs when another member is online']);
  });
});

describe('a connection closed for damaged data', () => {
  it('is mentioned calmly, naming no one, for half an hour', () => {
    const base = { peers: 1, membersOnline: 1, lastSyncedAt: NOW, undelivered: 0 };
    expect(statusPhrases({ ...base, closedForDamageAt: NOW - 60_000 }, NOW)).toEqual(['1 member online', CLOSED_FOR_DAMAGE]);
    expect(statusPhrases({ ...base, closedForDamageAt: NOW - DAMAGE_NOTICE_MS - 1 }, NOW)).toEqual(['1 member online']);
    expect(CLOSED_FOR_DAMAGE).not.toMatch(/member|someone|attack/i);
  });
});

describe('invite relay notes', () => {
  it('say which relay someone given only the code must use', () => {
    expect(codeAloneNote(['wss://relay.example.org'])).toBe('The code alone works only if their relay setting matches this circle’s (wss://relay.example.org); the link carries it for them.');
    expect(codeAloneNote(['wss://a.example.org', 'ws://192.168.1.20:4444'])).toContain('(wss://a.example.org or ws://192.168.1.20:4444)');
    expect(codeAloneNote([])).toBe('The code alone works only if their relay setting matches yours.');
  });

  it('warn only when nobody on another computer could reach the circle', () => {
    expect(unreachableRelayNote(['ws://127.0.0.1:4444'])).toBe(
      'This circle’s relay, ws://127.0.0.1:4444, is on this computer only: people elsewhere can’t join. For them, pick a relay they can reach in Settings → Circles connection, then create a new circle.',
    );
    expect(unreachableRelayNote(['ws://localhost:4444', 'ws://[::1]:4444'])).toContain('is on this computer only:');
    expect(unreachableRelayNote(['ws://127.0.0.1:4444', 'ws://192.168.1.20:4444'])).toBeNull();
    expect(unreachableRelayNote(['wss://relay.example.org'])).toBeNull();
    expect(unreachableRelayNote([])).toBe('This circle has no relay, so nobody can reach it to ask to join.');
  });
});
