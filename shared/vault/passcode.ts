// Passcode strength (zxcvbn-ts), refusal of trivially weak passcodes, and the wait after wrong attempts.
// Wrong attempts only ever slow the next try down; nothing is wiped, however many there are.
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

export const PASSCODE_MIN_LENGTH = 8;
/** zxcvbn's score 2: "somewhat guessable", safe against slowed online guessing; below it is refused. */
export const PASSCODE_MIN_SCORE = 2;

export type PasscodeScore = 0 | 1 | 2 | 3 | 4;

export interface PasscodeStrength {
  readonly score: PasscodeScore;
  /** A short, kind description for the meter. */
  readonly label: string;
  /** Plain suggestions; empty when there is nothing to add. */
  readonly suggestions: readonly string[];
  readonly warning: string | null;
}

const LABELS: Readonly<Record<PasscodeScore, string>> = {
  0: 'Very easy to guess',
  1: 'Easy to guess',
  2: 'Fair',
  3: 'Strong',
  4: 'Very strong',
};

let factory: ZxcvbnFactory | null = null;
// The dictionaries are large, so they are loaded into a matcher only on first use.
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });
  return factory;
}

function check(passcode: string, personal: readonly string[]): ZxcvbnResult {
  // zxcvbn's cost grows with length; beyond 100 characters the rest cannot make a passcode weaker.
  return zxcvbn().check(passcode.slice(0, 100), [...personal, 'hearth', 'journal', 'mood']);
}

/** Strength for the meter. `personal` are words about this person (a name) that should not count as secret. */
export function passcodeStrength(passcode: string, personal: readonly string[] = []): PasscodeStrength {
  const result = check(passcode, personal);
  const warning = result.feedback.warning === null || result.feedback.warning === '' ? null : result.feedback.warning;
  return { score: result.score, label: LABELS[result.score], suggestions: result.feedback.suggestions, warning };
}

/**
 * Why a passcode is too weak to protect the journal, as a sentence saying what would help; null when it
 * is fine. Only trivially weak passcodes are refused: the person chooses, the meter advises.
 */
export function passcodeProblem(passcode: string, personal: readonly string[] = []): string | null {
  const length = [...passcode.normalize('NFC')].length;
  if (length === 0) return 'Choose a passcode to lock your journal.';
  if (length < PASSCODE_MIN_LENGTH) {
    return `That passcode is ${String(length)} character${length === 1 ? '' : 's'} long; it needs at least ${String(PASSCODE_MIN_LENGTH)}. A few unrelated words together are long and easy to remember.`;
  }
  const strength = passcodeStrength(passcode, personal);
  if (strength.score >= PASSCODE_MIN_SCORE) return null;
  const why = strength.warning === null ? 'That passcode would be easy for someone else to guess.' : `That passcode would be easy to guess: ${lowerFirst(strength.warning)}`;
  const help = strength.suggestions[0] ?? 'Add another word or two that only you would put together.';
  return `${ensureStop(why)} ${ensureStop(help)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
function ensureStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// ---- Waiting after wrong attempts ----

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The wait before the next try after n wrong attempts in a row: three free tries, then slower and slower. */
const SCHEDULE: readonly number[] = [0, 0, 0, 5 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE];
export const MAX_WAIT_MS = 15 * MINUTE;

export function delayAfterFailures(failures: number): number {
  if (!Number.isFinite(failures) || failures <= 0) return 0;
  return SCHEDULE[Math.floor(failures)] ?? MAX_WAIT_MS;
}

/** What is remembered between attempts (the app keeps it beside the header; it holds no secret). */
export interface AttemptState {
  readonly failures: number;
  /** Epoch milliseconds of the last wrong attempt, or null. */
  readonly lastFailureAt: number | null;
}

export const NO_ATTEMPTS: AttemptState = { failures: 0, lastFailureAt: null };

export function recordFailure(state: AttemptState, now: number): AttemptState {
  return { failures: state.failures + 1, lastFailureAt: now };
}

export function recordSuccess(): AttemptState {
  return NO_ATTEMPTS;
}

/**
 * Milliseconds to wait before the next try may be checked; 0 means now. A clock set backwards counts
 * from the earlier time, so moving the clock back never lengthens the wait past the schedule's.
 */
export function waitBeforeNextAttempt(state: AttemptState, now: number): number {
  if (state.lastFailureAt === null) return 0;
  const delay = delayAfterFailures(state.failures);
  const elapsed = Math.max(0, now - state.lastFailureAt);
  return Math.min(delay, Math.max(0, delay - elapsed));
}

/** A calm sentence for the wait, e.g. "You can try again in 30 seconds." */
export function waitMessage(waitMs: number): string {
  if (waitMs <= 0) return 'You can try again now.';
  const seconds = Math.ceil(waitMs / SECOND);
  if (seconds < 60) return `You can try again in ${String(seconds)} second${seconds === 1 ? '' : 's'}. Nothing has been erased.`;
  const minutes = Math.ceil(seconds / 60);
  return `You can try again in ${String(minutes)} minute${minutes === 1 ? '' : 's'}. Nothing has been erased.`;
}
