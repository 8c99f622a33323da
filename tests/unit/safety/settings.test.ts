// settings.safety: a default for people who never chose, kept when valid, and a damaged value never
// costs the other settings.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '@shared/settings';
import { DEFAULT_SAFETY } from '@shared/safety/settings';

describe('settings.safety', () => {
  it('defaults to no country and the check on', () => {
    expect(DEFAULT_SETTINGS.safety).toEqual({ country: null, crisisCheck: true });
    // Settings saved before this field existed.
    const older: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    delete older.safety;
    expect(parseSettings({ ...older, theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', safety: DEFAULT_SAFETY });
  });

  it('keeps a chosen country and the check turned off', () => {
    const chosen = { ...DEFAULT_SETTINGS, safety: { country: 'NZ', crisisCheck: false } };
    expect(parseSettings(chosen)).toEqual(chosen);
    expect(parseSettings({ ...DEFAULT_SETTINGS, safety: { country: 'INTL', crisisCheck: true } }).safety.country).toBe('INTL');
  });

  it('falls back to the default for a damaged value and keeps everything else', () => {
    for (const safety of [{ country: 'new zealand', crisisCheck: false }, { country: 'NZ' }, 'NZ', null]) {
      const parsed = parseSettings({ ...DEFAULT_SETTINGS, weekStart: 0, safety });
      expect(parsed.safety).toEqual(DEFAULT_SAFETY);
      expect(parsed.weekStart).toBe(0);
    }
  });
});
