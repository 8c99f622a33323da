// The crisis check: its measured recall and false-positive rate on the labelled sentences, the rules
// it promises (negations, idioms, spellings, spans), that it never throws, and that it is pure.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRISIS_CATEGORIES, MAX_CHECKED_CHARS, checkForCrisis } from '@shared/safety/crisisCheck';
import { DEVELOPMENT, HELD_OUT, type LabelledSentence } from './crisisSentences';

interface Figures {
  readonly crisis: number;
  readonly ordinary: number;
  readonly recall: number;
  readonly falsePositiveRate: number;
  readonly missed: readonly string[];
  readonly falseAlarms: readonly string[];
}

function measure(sentences: readonly LabelledSentence[]): Figures {
  const crisis = sentences.filter((sentence) => sentence.crisis);
  const ordinary = sentences.filter((sentence) => !sentence.crisis);
  const missed = crisis.filter((sentence) => !checkForCrisis(sentence.text).offer).map((sentence) => sentence.text);
  const falseAlarms = ordinary.filter((sentence) => checkForCrisis(sentence.text).offer).map((sentence) => sentence.text);
  return {
    crisis: crisis.length,
    ordinary: ordinary.length,
    recall: (crisis.length - missed.length) / crisis.length,
    falsePositiveRate: falseAlarms.length / ordinary.length,
    missed,
    falseAlarms,
  };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

function report(name: string, figures: Figures): void {
  // Printed on purpose: these are the figures shared/safety/README.md quotes.
  process.stdout.write(
    `crisis check, ${name}: recall ${percent(figures.recall)} of ${String(figures.crisis)} crisis sentences, ` +
      `false positives ${percent(figures.falsePositiveRate)} of ${String(figures.ordinary)} ordinary sentences\n` +
      figures.missed.map((text) => `  missed: ${text}\n`).join('') +
      figures.falseAlarms.map((text) => `  false alarm: ${text}\n`).join(''),
  );
}

describe('checkForCrisis on the labelled sentences', () => {
  const whole = [...DEVELOPMENT, ...HELD_OUT];

  it('has enough varied sentences, none listed twice', () => {
    expect(whole.filter((sentence) => sentence.crisis).length).toBeGreaterThanOrEqual(120);
    expect(whole.filter((sentence) => !sentence.crisis).length).toBeGreaterThanOrEqual(180);
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(80);
    expect(new Set(whole.map((sentence) => sentence.text.toLowerCase())).size).toBe(whole.length);
  });

  it('meets the bar on the whole set: recall at least 90%, false positives at most 5%', () => {
    const figures = measure(whole);
    report('whole set', figures);
    report('held-out part (never tuned on)', measure(HELD_OUT));
    report('development part', measure(DEVELOPMENT));
    expect(figures.recall).toBeGreaterThanOrEqual(0.9);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(0.05);
  });
});

describe('checkForCrisis rules', () => {
  it('offers support for "I don\'t want to be here anymore", however it is typed', () => {
    for (const text of ["I don't want to be here anymore", 'I DON’T WANT TO BE HERE ANYMORE!!', 'i dont want to be here any more', 'i don`t want to be here anymore...']) {
      expect(checkForCrisis(text).offer, text).toBe(true);
    }
  });

  it('does not offer for statements about NOT wanting to die, but does when the reassurance is doubtful', () => {
    expect(checkForCrisis("I'm not going to kill myself").offer).toBe(false);
    expect(checkForCrisis('I would never hurt myself').offer).toBe(false);
    expect(checkForCrisis("I can't promise I won't hurt myself").offer).toBe(true);
    expect(checkForCrisis("I'm not sure I won't kill myself").offer).toBe(true);
    expect(checkForCrisis("I couldn't stop thinking about killing myself").offer).toBe(true);
  });

  it('reads texting shorthands and euphemisms', () => {
    for (const text of ['kms', 'im gonna unalive myself', 'thinking abt sewerslide', 'wanna die', 'i cant do life anymore']) {
      expect(checkForCrisis(text).offer, text).toBe(true);
    }
  });

  it('leaves idioms, accidents and other people\'s stories alone', () => {
    for (const text of ['this traffic is killing me', 'I could kill for a coffee', 'dying to see the film', 'that joke killed', 'kill the process', 'suicide squats today', 'he killed himself in the film', 'kmsl']) {
      expect(checkForCrisis(text).offer, text).toBe(false);
    }
  });

  it('reports the category and where the phrase is in the original text', () => {
    const text = 'Long day at work.\nHonestly I don’t want to be here anymore, and I bought a rope today.';
    const result = checkForCrisis(text);
    expect(result.offer).toBe(true);
    const categories = result.reasons.map((reason) => reason.category);
    expect(categories).toContain('hopelessness');
    expect(categories).toContain('plans-means');
    for (const reason of result.reasons) {
      expect(CRISIS_CATEGORIES).toContain(reason.category);
      expect(text.slice(reason.start, reason.end)).toBe(reason.phrase);
    }
    const hopeless = result.reasons.find((reason) => reason.category === 'hopelessness');
    expect(hopeless?.phrase).toMatch(/^don’t want to be here anymore$/);
  });

  it('says nothing for empty or blank text', () => {
    expect(checkForCrisis('')).toEqual({ offer: false, reasons: [] });
    expect(checkForCrisis('   \n\t ')).toEqual({ offer: false, reasons: [] });
  });

  it('checks only the first part of very long text', () => {
    const filler = 'Walked the dog. '.repeat(Math.ceil(MAX_CHECKED_CHARS / 16));
    expect(checkForCrisis(`I want to die. ${filler}`).offer).toBe(true);
    expect(checkForCrisis(`${filler}I want to die.`).offer).toBe(false);
  });
});

describe('checkForCrisis on any input', () => {
  const oddText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 400 }),
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.array(fc.constantFrom('i', 'want', 'to', 'die', 'not', "don't", '’', ',', '.', 'kill', 'myself', '\u0301', '\u200d', '🙂', 'İ', 'ß', '\n', ' ', 'lol', 'noose'), { maxLength: 300 }).map((words) => words.join(' ')),
  );

  it('never throws, and every reason points into the text', () => {
    fc.assert(
      fc.property(oddText, (text) => {
        const result = checkForCrisis(text);
        expect(result.offer).toBe(result.reasons.length > 0);
        for (const reason of result.reasons) {
          expect(reason.start).toBeGreaterThanOrEqual(0);
          expect(reason.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(reason.start, reason.end)).toBe(reason.phrase);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finishes on long, repetitive and odd Unicode input (bounded by the test timeout)', { timeout: 20_000 }, () => {
    const inputs = [
      'a'.repeat(200_000),
      'i want to '.repeat(20_000),
      'not '.repeat(30_000),
      ', '.repeat(40_000),
      '🙂\u200d'.repeat(30_000),
      'İ\u0307ß'.repeat(30_000),
      "don't don’t dont ".repeat(10_000),
    ];
    for (const text of inputs) expect(typeof checkForCrisis(text).offer).toBe('boolean');
  });
});

describe('the crisis check is pure', () => {
  it('imports nothing but its own word lists, and names no network API', () => {
    const dir = resolve(import.meta.dirname, '../../../shared/safety');
    for (const file of ['crisisCheck.ts', 'crisisPhrases.ts']) {
      const source = readFileSync(join(dir, file), 'utf8');
      const imports = [...source.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]);
      for (const target of imports) expect(target, `${file} imports ${String(target)}`).toMatch(/^\.\/crisis(Phrases|Check)$/);
      expect(source).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket|RTCPeerConnection|navigator|sendBeacon|EventSource|import\()\b/);
    }
    expect(readdirSync(dir)).toContain('crisisCheck.ts');
  });
});
