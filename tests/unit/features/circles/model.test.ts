// What the facilitator is told beside an invite about relays: the code alone needs a matching setting, and a
// circle whose relay is this computer only can't be reached from elsewhere.
import { describe, expect, it } from 'vitest';
import { codeAloneNote, unreachableRelayNote } from '../../../../renderer/src/features/circles/model';

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
