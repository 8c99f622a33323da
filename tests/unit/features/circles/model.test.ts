// The circle status line: members online come from verified presence only; a bare connection is named as one.
import { describe, expect, it } from 'vitest';
import { statusPhrases } from '../../../../renderer/src/features/circles/model';

const NOW = Date.UTC(2025, 5, 1, 12);

describe('statusPhrases', () => {
  it('counts members online from verified presence, not from connections', () => {
    expect(statusPhrases({ peers: 3, membersOnline: 2, lastSyncedAt: NOW, undelivered: 0 }, NOW)).toEqual(['2 members online']);
    expect(statusPhrases({ peers: 1, membersOnline: 1, lastSyncedAt: NOW, undelivered: 0 }, NOW)).toEqual(['1 member online']);
    // Connected, but no one there has shown a valid presence claim (yet).
    expect(statusPhrases({ peers: 1, membersOnline: 0, lastSyncedAt: NOW, undelivered: 0 }, NOW)).toEqual(['Connected to 1 device']);
  });

  it('says when no one is online, when it last synced, and what is waiting', () => {
    // The time phrase is in the device's language; only its place is checked here.
    expect(statusPhrases({ peers: 0, membersOnline: 0, lastSyncedAt: NOW - 5 * 60_000, undelivered: 2 }, NOW)).toEqual([
      expect.stringMatching(/^No one else online · Last synced .*5/),
      '2 updates of yours waiting to reach anyone',
    ]);
    expect(statusPhrases({ peers: 0, membersOnline: 0, lastSyncedAt: null, undelivered: 0 }, NOW)).toEqual(['Not synced yet — it syncs when another member is online']);
  });
});
