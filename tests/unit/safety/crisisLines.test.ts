// The bundled crisis-line directory: every entry passes its schema, the promised countries are there,
// every country shows an emergency number, and numbers can be dialled.
import { describe, expect, it } from 'vitest';
import { CRISIS_DIRECTORY, CRISIS_LINES_CHECKED, CrisisDirectorySchema, CountryLinesSchema, guessCountry, linesFor } from '@shared/safety/crisisLines';

describe('the crisis-line directory', () => {
  it('passes its schema as a whole and entry by entry', () => {
    expect(CrisisDirectorySchema.safeParse(CRISIS_DIRECTORY).success).toBe(true);
    for (const country of CRISIS_DIRECTORY.countries) {
      const result = CountryLinesSchema.safeParse(country);
      expect(result.success, `${country.code}: ${result.success ? '' : result.error.message}`).toBe(true);
    }
  });

  it('was checked in December 2026', () => {
    expect(CRISIS_LINES_CHECKED).toBe('2026-12');
    expect(CRISIS_DIRECTORY.checked).toBe(CRISIS_LINES_CHECKED);
  });

  it('covers the promised countries once each, plus everywhere else', () => {
    const codes = CRISIS_DIRECTORY.countries.map((country) => country.code);
    for (const code of ['US', 'GB', 'IE', 'CA', 'AU', 'NZ', 'DE', 'FR', 'ES', 'NL', 'IN', 'ZA', 'INTL']) expect(codes).toContain(code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every country an emergency number and every named country at least one line', () => {
    for (const country of CRISIS_DIRECTORY.countries) {
      expect(country.emergency.length).toBeGreaterThan(0);
      if (country.code !== 'INTL') expect(country.lines.length, country.code).toBeGreaterThan(0);
      else expect(country.note).toMatch(/emergency number/);
    }
  });

  it('dials the digits it shows', () => {
    for (const country of CRISIS_DIRECTORY.countries) {
      for (const line of country.lines) {
        for (const number of [line.phone, line.text]) {
          if (!number) continue;
          expect(number.dial).toBe(number.display.replace(/\D/g, ''));
        }
      }
    }
  });

  it('holds the long-standing national numbers', () => {
    const phones = (code: string): string[] => linesFor(code).lines.flatMap((line) => (line.phone ? [line.phone.dial] : []));
    expect(phones('US')).toContain('988');
    expect(phones('GB')).toContain('116123');
    expect(phones('IE')).toContain('116123');
    expect(phones('CA')).toContain('988');
    expect(phones('AU')).toContain('131114');
    expect(phones('NZ')).toContain('1737');
    expect(phones('DE')).toEqual(expect.arrayContaining(['08001110111', '08001110222']));
    expect(phones('FR')).toContain('3114');
    expect(phones('ES')).toContain('024');
    expect(phones('NL')).toEqual(expect.arrayContaining(['113', '08000113']));
    expect(phones('IN')).toContain('14416');
    expect(phones('ZA')).toContain('0800567567');
  });

  it('rejects an entry with no number, a bad number or a link as its source', () => {
    const base = { code: 'GB', name: 'Test', emergency: [{ label: 'Emergency', number: { display: '999', dial: '999' } }] };
    const line = { name: 'Line', about: 'About it', hours: 'Always', source: 'example.org' };
    expect(CountryLinesSchema.safeParse({ ...base, lines: [line] }).success).toBe(false);
    expect(CountryLinesSchema.safeParse({ ...base, lines: [{ ...line, phone: { display: '1', dial: 'call me' } }] }).success).toBe(false);
    expect(CountryLinesSchema.safeParse({ ...base, lines: [{ ...line, phone: { display: '116 123', dial: '116123' }, source: 'https://example.org' }] }).success).toBe(false);
    expect(CountryLinesSchema.safeParse({ ...base, lines: [{ ...line, phone: { display: '116 123', dial: '116123' } }] }).success).toBe(true);
  });

  it('falls back to the international entry and guesses a country from the locale', () => {
    expect(linesFor('XX').code).toBe('INTL');
    expect(linesFor(null).code).toBe('INTL');
    expect(linesFor('NZ').code).toBe('NZ');
    expect(guessCountry(['en-GB'])).toBe('GB');
    expect(guessCountry(['fr', 'de-DE'])).toBe('DE');
    expect(guessCountry(['zh-Hant-TW', 'en'])).toBe(null);
    expect(guessCountry(['en_US'])).toBe('US');
  });
});
