// Passcode strength, refusal of trivially weak passcodes with a helpful sentence, and the wait after wrong
// attempts: slower and slower, capped, clock-injected, and never anything wiped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  delayAfterFailures,
  MAX_WAIT_MS,
  NO_ATTEMPTS,
  passcodeProblem,
  passcodeStrength,
  recordFailure,
  recordSuccess,
  waitBeforeNextAttempt,
  waitMessage,
} from '@shared/vault/passcode';

describe('passcode strength', () => {
  it('scores common passwords low and long unusual phrases high, with a label', () => {
    expect(passcodeStrength('password').score).toBe(0);
    const strong = passcodeStrength('copper kettle drifts past midnight orchards');
    expect(strong.score).toBeGreaterThanOrEqual(3);
    expect(strong.label).toMatch(/strong/i);
  });

  it('counts personal words as guessable', () => {
    const plain = passcodeStrength('margaretholloway');
    const personal = passcodeStrength('margaretholloway', ['Margaret', 'Holloway']);
    expect(personal.score).toBeLessThan(plain.score);
  });
});

describe('passcodeProblem', () => {
  it('refuses short passcodes, saying the length and what would help', () => {
    expect(passcodeProblem('')).toMatch(/choose a passcode/i);
    expect(passcodeProblem('x7$Qp2!')).toMatch(/7 characters long; it needs at least 8/);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passcodeProblem('😀😀😀😀😀😀😀')).toMatch(/7 characters/);
  });

  it('refuses common and patterned passcodes with a kind explanation', () => {
    for (const weak of ['password1', 'qwertyuiop', '12345678', 'aaaaaaaaaa', 'journal2024']) {
      const problem = passcodeProblem(weak);
      expect(problem, weak).not.toBeNull();
      expect(problem).toMatch(/^That passcode would be easy/);
      expect(problem).toMatch(/\.$/);
    }
  });

  it('accepts a few unrelated words', () => {
    expect(passcodeProblem('quiet harbour lantern 7')).toBeNull();
    expect(passcodeProblem('copper kettle drifts past midnight orchards')).toBeNull();
  });
});

describe('waiting after wrong attempts', () => {
  it('follows the schedule: three free tries, then 5 s, 15 s, 30 s, 1 min … capped at 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(delayAfterFailures)).toEqual([0, 0, 0, 5_000, 15_000, 30_000, 60_000, 120_000]);
    expect(delayAfterFailures(1_000_000)).toBe(MAX_WAIT_MS);
    expect(MAX_WAIT_MS).toBe(15 * 60_000);
  });

  it('never shrinks as failures grow, and stays within the cap', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (n) => {
        expect(delayAfterFailures(n + 1)).toBeGreaterThanOrEqual(delayAfterFailures(n));
        expect(delayAfterFailures(n)).toBeLessThanOrEqual(MAX_WAIT_MS);
      }),
    );
  });

  it('counts down from the last failure with an injected clock, and a success starts over', () => {
    let state = NO_ATTEMPTS;
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 3; i++) state = recordFailure(state, t0);
    expect(waitBeforeNextAttempt(state, t0)).toBe(5_000);
    expect(waitBeforeNextAttempt(state, t0 + 4_000)).toBe(1_000);
    expect(waitBeforeNextAttempt(state, t0 + 5_000)).toBe(0);
    expect(waitBeforeNextAttempt(state, t0 - 3_600_000)).toBe(5_000);
    expect(waitBeforeNextAttempt(recordSuccess(), t0)).toBe(0);
  });

  it('says the wait in calm words, and that nothing was erased', () => {
    expect(waitMessage(0)).toBe('You can try again now.');
    expect(waitMessage(1_000)).toMatch(/in 1 second\. Nothing has been erased/);
    expect(waitMessage(29_100)).toMatch(/in 30 seconds/);
    expect(waitMessage(90_000)).toMatch(/in 2 minutes/);
  });
});
