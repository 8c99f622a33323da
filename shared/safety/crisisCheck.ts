// A gentle, on-device check of what someone is writing for language that suggests they may be in
// crisis, so the app can offer their safety plan and crisis lines. Pure and offline: text in, answer
// out. Not a clinical tool; see shared/safety/README.md for what it catches and what it does not.
import { CRISIS_CATEGORIES, CRISIS_PHRASES, MACROS, SPELLINGS, type CrisisCategory, type CrisisPhrase } from './crisisPhrases';

export { CRISIS_CATEGORIES, CATEGORY_NAMES, type CrisisCategory } from './crisisPhrases';

export interface CrisisReason {
  readonly category: CrisisCategory;
  /** Where in the original text the phrase was found: text.slice(start, end). */
  readonly start: number;
  readonly end: number;
  /** The words matched, as written. */
  readonly phrase: string;
}

export interface CrisisCheck {
  readonly offer: boolean;
  readonly reasons: readonly CrisisReason[];
}

/** Longer text is checked up to here (well past a check-in note's limit): the check stays fast. */
export const MAX_CHECKED_CHARS = 50_000;

const NO_OFFER: CrisisCheck = { offer: false, reasons: [] };

interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

interface CompiledPhrase {
  readonly category: CrisisCategory;
  readonly phrase: CrisisPhrase;
  readonly regex: RegExp;
  readonly unlessAfter: RegExp | null;
  readonly unlessInClause: RegExp | null;
}

function expandMacros(pattern: string): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => MACROS[name] ?? whole);
}

const COMPILED: readonly CompiledPhrase[] = CRISIS_CATEGORIES.flatMap((category) =>
  CRISIS_PHRASES[category].map((phrase) => ({
    category,
    phrase,
    // Whole words only: a phrase starts at the clause start or after a space, and ends before one.
    regex: new RegExp(`(?<=^| )(?:${expandMacros(phrase.pattern)})(?= |$)`, 'g'),
    unlessAfter: phrase.unlessAfter ? new RegExp(expandMacros(phrase.unlessAfter)) : null,
    unlessInClause: phrase.unlessInClause ? new RegExp(expandMacros(phrase.unlessInClause)) : null,
  })),
);

const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u02B9\u0060\u00B4\u2032\uFF07]/g;
/** Letters and digits, with inner apostrophes ("don't"); commas are kept as their own token. */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|,/gu;
/** Clause boundaries: a phrase never spans a full stop, question mark, line break and the like. */
const CLAUSE_END = /[.!?;:\n\r\u2026\u3002\uFF01\uFF1F]+|\s[-\u2013\u2014]\s/g;

const NEGATIONS = new Set(['not', 'never', 'no', 'nor', 'neither', 'without']);
/** "could not stop thinking about…" is not a negation of what follows. */
const NEGATION_EXCEPTIONS = new Set(['stop', 'help', 'shake', 'bear', 'escape', 'get', 'sure', 'know', 'fight', 'ignore', 'resist', 'remember', 'control']);
/** "I can't promise I won't…", "I'm not sure I won't…": the negation no longer reassures. */
const DOUBT = / (?:not sure|can not promise|can not say|do not know if|do not know whether|no idea if|no idea whether|can not guarantee|do not trust) /;

function normaliseWord(raw: string): string {
  const lower = raw.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
  // "soooo" → "soo", "noooo" → "noo": long letter runs are emphasis, not spelling.
  return lower.replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** The clause's words after spelling-out, each keeping the span of the original word it came from. */
function tokenise(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  for (const match of text.replace(APOSTROPHES, "'").matchAll(WORD)) {
    const start = offset + match.index;
    const end = start + match[0].length;
    const word = normaliseWord(match[0]);
    const spelled = SPELLINGS[word] ?? SPELLINGS[word.replace(/'/g, '')] ?? word;
    for (const part of spelled.split(' ')) tokens.push({ word: part, start, end });
  }
  return tokens;
}

function* clauses(text: string): Generator<{ text: string; offset: number }> {
  let from = 0;
  for (const boundary of text.matchAll(CLAUSE_END)) {
    if (boundary.index > from) yield { text: text.slice(from, boundary.index), offset: from };
    from = boundary.index + boundary[0].length;
  }
  if (from < text.length) yield { text: text.slice(from), offset: from };
}

function isNegated(tokens: readonly Token[], first: number): boolean {
  for (let index = first - 1; index >= Math.max(0, first - 3); index -= 1) {
    const word = tokens[index]?.word;
    if (word === ',') break;
    if (word !== undefined && NEGATIONS.has(word) && !NEGATION_EXCEPTIONS.has(tokens[index + 1]?.word ?? '')) {
      const before = ` ${tokens
        .slice(Math.max(0, index - 8), index + 1)
        .map((token) => token.word)
        .join(' ')} `;
      return !DOUBT.test(before);
    }
  }
  return false;
}

/**
 * Looks for crisis language in `text`. Returns `offer: true` with the reasons (category and where in
 * the text) when at least one phrase matched and was not an idiom, an accident or a negation.
 */
export function checkForCrisis(text: string): CrisisCheck {
  if (typeof text !== 'string' || text.trim() === '') return NO_OFFER;
  const source = text.length > MAX_CHECKED_CHARS ? text.slice(0, MAX_CHECKED_CHARS) : text;
  const reasons: CrisisReason[] = [];

  for (const clause of clauses(source)) {
    const tokens = tokenise(clause.text, clause.offset);
    if (tokens.length === 0) continue;
    // The clause as one string, and for each character the token it belongs to.
    const joined = tokens.map((token) => token.word).join(' ');
    const tokenAt: number[] = [];
    tokens.forEach((token, index) => {
      for (let i = 0; i < token.word.length; i += 1) tokenAt.push(index);
      tokenAt.push(index + 1);
    });

    for (const compiled of COMPILED) {
      compiled.regex.lastIndex = 0;
      for (const match of joined.matchAll(compiled.regex)) {
        if (match[0].trim() === '') continue;
        const firstIndex = tokenAt[match.index] ?? 0;
        const lastIndex = tokenAt[Math.max(match.index, match.index + match[0].length - 1)] ?? firstIndex;
        const after = joined.slice(match.index + match[0].length).trim();
        if (compiled.unlessAfter?.test(after)) continue;
        if (compiled.unlessInClause?.test(joined)) continue;
        if (compiled.phrase.negatable && isNegated(tokens, firstIndex)) continue;
        const first = tokens[firstIndex];
        const last = tokens[lastIndex];
        if (!first || !last) continue;
        // Overlapping finds of one category become one reason covering them all.
        const overlapping = reasons.findIndex((reason) => reason.category === compiled.category && reason.start < last.end && first.start < reason.end);
        const previous = reasons[overlapping];
        const start = Math.min(first.start, previous?.start ?? first.start);
        const end = Math.max(last.end, previous?.end ?? last.end);
        const reason = { category: compiled.category, start, end, phrase: source.slice(start, end) };
        if (previous) reasons[overlapping] = reason;
        else reasons.push(reason);
      }
    }
  }

  if (reasons.length === 0) return NO_OFFER;
  reasons.sort((a, b) => a.start - b.start);
  return { offer: true, reasons };
}
