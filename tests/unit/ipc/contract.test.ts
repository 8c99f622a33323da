// The IPC contract: channel names, and what each schema lets through or refuses.
import { describe, expect, it } from 'vitest';
import { API_METHODS, EVENT_CHANNELS, INVOKE_CHANNELS, isHttpsUrl, isInvokeChannel, MAX_FILE_BYTES } from '@shared/ipc/contract';
import { MENU_COMMANDS } from '@shared/ipc/menu';
import { DEFAULT_REMINDER } from '@shared/reminder/settings';

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown): boolean => schema.safeParse(value).success;

describe('IPC contract', () => {
  it('names every channel area:verb', () => {
    for (const channel of [...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)]) {
      expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    }
  });

  it('maps every preload method to a declared channel, each channel once', () => {
    const channels = Object.values(API_METHODS);
    expect(new Set(channels).size).toBe(channels.length);
    expect([...channels].sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    for (const channel of channels) expect(isInvokeChannel(channel)).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('file:delete')).toBe(false);
  });

  describe('file:save', () => {
    const { request } = INVOKE_CHANNELS['file:save'];
    const good = { suggestedName: 'hearth-2025-06-10.json', content: '{}', mimeType: 'application/json' };

    it('accepts a plain name, text content and a MIME type', () => {
      expect(accepts(request, good)).toBe(true);
      expect(accepts(request, { ...good, suggestedName: 'Mood report (June).md', mimeType: 'text/markdown' })).toBe(true);
    });

    it('refuses names with folders, control characters or dot-only names', () => {
      for (const suggestedName of ['../secrets.json', 'a/b.json', 'a\\b.json', 'bad\u0000.json', '..', '.', '', 'x'.repeat(201)]) {
        expect(accepts(request, { ...good, suggestedName })).toBe(false);
      }
    });

    it('refuses content over the cap, non-text content and odd MIME types', () => {
      expect(accepts(request, { ...good, content: 'x'.repeat(MAX_FILE_BYTES + 1) })).toBe(false);
      expect(accepts(request, { ...good, content: new Uint8Array(3) })).toBe(false);
      expect(accepts(request, { ...good, mimeType: 'text/html; charset=utf-8' })).toBe(false);
      expect(accepts(request, { ...good, extra: true })).toBe(true); // unknown keys are stripped, not passed on
    });

    it('answers saved or cancelled', () => {
      const { response } = INVOKE_CHANNELS['file:save'];
      expect(accepts(response, 'saved')).toBe(true);
      expect(accepts(response, 'cancelled')).toBe(true);
      expect(accepts(response, 'ok')).toBe(false);
    });
  });

  describe('file:open', () => {
    const { request, response } = INVOKE_CHANNELS['file:open'];

    it('accepts extensions without dots and a byte limit up to the cap', () => {
      expect(accepts(request, { extensions: ['json'], maxBytes: 1024 })).toBe(true);
      expect(accepts(request, { extensions: ['json', 'csv'], maxBytes: MAX_FILE_BYTES })).toBe(true);
    });

    it('refuses dotted or empty extensions and limits out of range', () => {
      expect(accepts(request, { extensions: ['.json'], maxBytes: 1024 })).toBe(false);
      expect(accepts(request, { extensions: [], maxBytes: 1024 })).toBe(false);
      expect(accepts(request, { extensions: ['json'], maxBytes: MAX_FILE_BYTES + 1 })).toBe(false);
      expect(accepts(request, { extensions: ['json'], maxBytes: 0 })).toBe(false);
      expect(accepts(request, { extensions: ['json'], maxBytes: 1.5 })).toBe(false);
    });

    it('answers opened, cancelled or too-large', () => {
      expect(accepts(response, { kind: 'opened', file: { name: 'a.json', content: '{}' } })).toBe(true);
      expect(accepts(response, { kind: 'cancelled' })).toBe(true);
      expect(accepts(response, { kind: 'too-large', bytes: 99 })).toBe(true);
      expect(accepts(response, { kind: 'opened' })).toBe(false);
    });
  });

  it('reminder:configure takes a reminder plan', () => {
    const { request } = INVOKE_CHANNELS['reminder:configure'];
    expect(accepts(request, { settings: DEFAULT_REMINDER, checkedInDay: null })).toBe(true);
    expect(accepts(request, { settings: DEFAULT_REMINDER, checkedInDay: '2025-06-10' })).toBe(true);
    expect(accepts(request, { settings: { ...DEFAULT_REMINDER, time: '25:00' }, checkedInDay: null })).toBe(false);
    expect(accepts(request, { settings: DEFAULT_REMINDER })).toBe(false);
  });

  it('notification:permission takes nothing', () => {
    const { request, response } = INVOKE_CHANNELS['notification:permission'];
    expect(accepts(request, undefined)).toBe(true);
    expect(accepts(request, { please: true })).toBe(false);
    expect(accepts(response, 'granted')).toBe(true);
    expect(accepts(response, 'prompt')).toBe(false);
  });

  describe('shell:open-external', () => {
    const { request } = INVOKE_CHANNELS['shell:open-external'];

    it('accepts only https links without credentials', () => {
      expect(accepts(request, { url: 'https://findahelpline.com/countries/de' })).toBe(true);
      for (const url of ['http://example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'hearth://join#abc', 'https://user:pw@example.org', 'https://example.org@evil.test/', 'example.org', '']) {
        expect(accepts(request, { url })).toBe(false);
        expect(isHttpsUrl(url)).toBe(false);
      }
      expect(accepts(request, { url: `https://example.org/${'a'.repeat(2048)}` })).toBe(false);
    });
  });

  describe('relay:status and relay:configure', () => {
    const running = { enabled: true, shareOnNetwork: true, state: 'running', localUrl: 'ws://127.0.0.1:4444', networkUrls: ['ws://192.168.1.20:4444'], problem: null };

    it('take nothing, or exactly the two switches', () => {
      expect(accepts(INVOKE_CHANNELS['relay:status'].request, undefined)).toBe(true);
      expect(accepts(INVOKE_CHANNELS['relay:status'].request, {})).toBe(false);
      const { request } = INVOKE_CHANNELS['relay:configure'];
      expect(accepts(request, { enabled: true, shareOnNetwork: false })).toBe(true);
      // Strict: no host, port or limit can be slipped in from the page.
      expect(accepts(request, { enabled: true, shareOnNetwork: false, host: '0.0.0.0' })).toBe(false);
      expect(accepts(request, { enabled: 'yes', shareOnNetwork: false })).toBe(false);
      expect(accepts(request, { enabled: true })).toBe(false);
    });

    it('answer a status whose addresses are relay addresses', () => {
      for (const channel of ['relay:status', 'relay:configure'] as const) {
        const { response } = INVOKE_CHANNELS[channel];
        expect(accepts(response, running)).toBe(true);
        expect(accepts(response, { ...running, state: 'off', localUrl: null, networkUrls: [], problem: null })).toBe(true);
        expect(accepts(response, { ...running, localUrl: 'http://127.0.0.1:4444' })).toBe(false);
        expect(accepts(response, { ...running, networkUrls: ['javascript:alert(1)'] })).toBe(false);
        expect(accepts(response, { ...running, state: 'maybe' })).toBe(false);
      }
    });
  });

  it('menu:command carries only known commands', () => {
    for (const command of MENU_COMMANDS) expect(accepts(EVENT_CHANNELS['menu:command'], command)).toBe(true);
    expect(accepts(EVENT_CHANNELS['menu:command'], 'rm -rf')).toBe(false);
  });
});
