// Relay and STUN/TURN addresses: what WebSocket and RTCPeerConnection would take is accepted, everything else
// gets a message a person can act on, and the schemas (settings, records, handshake) agree with the checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkIceServer,
  checkRelayUrl,
  ICE_SERVER_MESSAGES,
  iceServerProblem,
  IceServerSchema,
  isLoopbackRelay,
  RELAY_URL_MESSAGES,
  relayKey,
  SignalingUrlSchema,
} from '@shared/circles/connection';
import { DEFAULT_SETTINGS, parseSettings } from '@shared/settings';
import { relayUrlArb } from '../../support/arbitraries';

describe('relay addresses', () => {
  it('accept ws:// and wss:// addresses as a WebSocket takes them, trimmed', () => {
    for (const url of ['ws://127.0.0.1:4444', 'wss://relay.example.org', 'wss://relay.example.org/hearth?room=1', 'ws://[::1]:4444', 'WSS://Relay.Example.org', 'ws://localhost']) {
      expect(checkRelayUrl(url)).toEqual({ ok: true, value: url });
    }
    expect(checkRelayUrl('  wss://relay.example.org\n')).toEqual({ ok: true, value: 'wss://relay.example.org' });
  });

  it('refuse everything else with the reason, in plain words', () => {
    const cases: [string, keyof typeof RELAY_URL_MESSAGES][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['https://relay.example.org', 'web-address'],
      ['http://192.168.1.20:4444', 'web-address'],
      ['relay.example.org', 'not-websocket'],
      ['ftp://relay.example.org', 'not-websocket'],
      ['ws://', 'incomplete'],
      ['ws:///hearth', 'incomplete'],
      ['wss:relay.example.org', 'incomplete'],
      ['ws://relay.example.org:99999', 'incomplete'],
      ['ws://relay example.org', 'spaces'],
      ['wss://sam:secret@relay.example.org', 'credentials'],
      ['wss://@relay.example.org', 'credentials'],
      ['wss://relay.example.org/#room', 'fragment'],
      ['wss://relay.example.org#', 'fragment'],
      [`wss://relay.example.org/${'a'.repeat(500)}`, 'too-long'],
    ];
    for (const [text, problem] of cases) expect([text, checkRelayUrl(text)]).toEqual([text, { ok: false, message: RELAY_URL_MESSAGES[problem] }]);
    expect(RELAY_URL_MESSAGES['web-address']).toBe('That’s a web page address. A relay address starts with wss:// (or ws:// on your own network) — ask whoever runs the relay for it.');
  });

  it('never throw, and what they accept the URL parser reads as ws: or wss: with a host and no fragment', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl().map((url) => url.replace(/^https?/, 'ws')), relayUrlArb), (text) => {
        const checked = checkRelayUrl(text);
        expect(SignalingUrlSchema.safeParse(text.trim()).success).toBe(checked.ok);
        if (!checked.ok) return;
        const url = new URL(checked.value);
        expect(['ws:', 'wss:']).toContain(url.protocol);
        expect(url.hostname).not.toBe('');
        expect(url.hash).toBe('');
        expect(url.username + url.password).toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('know which addresses only reach the computer they are used on', () => {
    for (const url of ['ws://127.0.0.1:4444', 'ws://127.8.9.10', 'ws://localhost:4444', 'ws://LOCALHOST', 'ws://[::1]:4444']) expect([url, isLoopbackRelay(url)]).toEqual([url, true]);
    for (const url of ['ws://192.168.1.20:4444', 'wss://relay.example.org', 'ws://128.0.0.1', 'not a url']) expect([url, isLoopbackRelay(url)]).toEqual([url, false]);
  });

  it('compare without regard to case or a trailing slash', () => {
    expect(relayKey('WSS://Relay.Example.org')).toBe(relayKey('wss://relay.example.org/'));
    expect(relayKey('wss://relay.example.org/a')).not.toBe(relayKey('wss://relay.example.org/b'));
  });
});

describe('STUN and TURN servers', () => {
  it('accept what RTCPeerConnection takes, with a login for TURN only', () => {
    expect(checkIceServer({ url: ' stun:stun.example.org:3478 ', username: '', credential: '' })).toEqual({ ok: true, value: { urls: 'stun:stun.example.org:3478' } });
    expect(checkIceServer({ url: 'turn:turn.example.org:3478?transport=tcp', username: ' sam ', credential: ' pass word ' })).toEqual({
      ok: true,
      value: { urls: 'turn:turn.example.org:3478?transport=tcp', username: 'sam', credential: ' pass word ' },
    });
    for (const url of ['stun:192.168.1.20', 'STUN:stun.example.org', 'turns:turn.example.org:443', 'stun:[2001:db8::1]:3478']) {
      const login = /^turn/i.test(url) ? { username: 'u', credential: 'p' } : { username: '', credential: '' };
      expect([url, checkIceServer({ url, ...login }).ok]).toEqual([url, true]);
    }
  });

  it('refuse everything else with the reason, in plain words', () => {
    const cases: [{ url: string; username?: string; credential?: string }, keyof typeof ICE_SERVER_MESSAGES][] = [
      [{ url: '' }, 'empty'],
      [{ url: 'stun://stun.example.org' }, 'slashes'],
      [{ url: 'https://turn.example.org' }, 'scheme'],
      [{ url: 'stun.example.org:3478' }, 'scheme'],
      [{ url: 'stun:' }, 'incomplete'],
      [{ url: 'stun:stun.example.org:0' }, 'incomplete'],
      [{ url: 'stun:stun.example.org:70000' }, 'incomplete'],
      [{ url: 'stun:stun.example.org?transport=udp' }, 'incomplete'],
      [{ url: 'turn:turn.example.org?transport=sctp', username: 'u', credential: 'p' }, 'incomplete'],
      [{ url: 'stun:stun example.org' }, 'spaces'],
      [{ url: 'turn:turn.example.org' }, 'turn-needs-login'],
      [{ url: 'turn:turn.example.org', username: 'sam' }, 'turn-needs-login'],
      [{ url: 'stun:stun.example.org', username: 'sam', credential: 'p' }, 'stun-has-login'],
      [{ url: 'turn:turn.example.org', username: 'u'.repeat(257), credential: 'p' }, 'login-too-long'],
    ];
    for (const [input, problem] of cases) {
      expect([input.url, checkIceServer({ username: '', credential: '', ...input })]).toEqual([input.url, { ok: false, message: ICE_SERVER_MESSAGES[problem] }]);
    }
  });

  it('never throw, and the schema agrees with the check for anything stored or sent', () => {
    const server = fc.record(
      {
        urls: fc.oneof(fc.string(), fc.constantFrom('stun:a.example.org', 'turn:b.example.org:3478', 'turns:c.example.org?transport=tcp'), fc.array(fc.string(), { maxLength: 3 })),
        username: fc.string(),
        credential: fc.string(),
      },
      { requiredKeys: ['urls'] },
    );
    fc.assert(
      fc.property(server, (candidate) => {
        expect(IceServerSchema.safeParse(candidate).success).toBe(iceServerProblem(candidate) === null && (typeof candidate.urls === 'string' || candidate.urls.length <= 4));
      }),
      { numRuns: 400 },
    );
  });
});

describe('settings', () => {
  it('keep valid relay and STUN/TURN settings and drop an unusable list back to its default', () => {
    const kept = { ...DEFAULT_SETTINGS, signalingUrls: ['wss://relay.example.org'], iceServers: [{ urls: 'turn:turn.example.org', username: 'u', credential: 'p' }] };
    expect(parseSettings(kept)).toEqual(kept);
    const damaged = { ...DEFAULT_SETTINGS, signalingUrls: ['https://relay.example.org'], iceServers: [{ urls: 'turn:turn.example.org' }] };
    expect(parseSettings(damaged)).toEqual(DEFAULT_SETTINGS);
  });
});
