// Export and import of the private journal: lossless versioned JSON, a merge plan, Markdown and CSV.
import { z } from 'zod';
import { CheckInSchema, LIMITS, localDay, type CheckIn, type MedicationAnswer } from './checkIn';
import { ENERGY_WORDS, moodInfo } from './mood';
import { SafetyPlanSchema, isPlanEmpty, type SafetyPlan } from '../safety/safetyPlan';
import { checksumOf } from '../checksum';

export const EXPORT_FORMAT = 'hearth-journal';
export const EXPORT_VERSION = 1;
/** Larger files are refused before parsing (UTF-16 units, roughly bytes for typical text). */
export const MAX_IMPORT_CHARS = 100 * 1024 * 1024;
/** More check-ins than this is not a journal a person wrote (that would be ~270 a day for 10 years). */
export const MAX_IMPORT_CHECK_INS = 1_000_000;

export interface JournalPreferences {
  readonly activities: readonly string[];
  readonly customEmotions: readonly string[];
}

export interface JournalExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  /** ISO 8601 instant the file was made. */
  readonly exportedAt: string;
  readonly app: { readonly name: 'Hearth' };
  readonly checkIns: readonly CheckIn[];
  readonly preferences: JournalPreferences;
  /** The person's safety plan, when they have written one (files from before it existed have none). */
  readonly safetyPlan?: SafetyPlan;
  /**
   * CRC-32 of the file's JSON without this field, so one damaged byte that still leaves valid JSON (a letter
   * in a note, a digit in a date) is refused as damaged instead of imported as different words. Files made
   * before it existed have none and are read as before.
   */
  readonly checksum?: string;
}

export interface ImportProblem {
  readonly kind: 'damaged' | 'foreign' | 'newer-version' | 'invalid';
  /** A calm sentence for the person, always saying that nothing was changed. */
  readonly message: string;
}

export type ImportResult = { readonly ok: true; readonly value: JournalExport } | { readonly ok: false; readonly error: ImportProblem };

// ---------------------------------------------------------------------------------------------
// JSON export

/** Rebuilds a check-in with keys in one fixed order, so the same journal always gives the same text. */
function canonicalCheckIn(checkIn: CheckIn): CheckIn {
  return {
    id: checkIn.id,
    at: checkIn.at,
    zone: checkIn.zone,
    day: checkIn.day,
    mood: checkIn.mood,
    ...(checkIn.energy === undefined ? {} : { energy: checkIn.energy }),
    emotions: [...checkIn.emotions],
    activities: [...checkIn.activities],
    ...(checkIn.sleepHours === undefined ? {} : { sleepHours: checkIn.sleepHours }),
    ...(checkIn.medication === undefined ? {} : { medication: checkIn.medication }),
    note: checkIn.note,
    createdAt: checkIn.createdAt,
    updatedAt: checkIn.updatedAt,
  };
}

/** The journal as pretty-printed JSON with a stable key order; check-ins keep the order given. */
export function toJsonExport(checkIns: readonly CheckIn[], preferences: JournalPreferences, now: Date, safetyPlan: SafetyPlan | null = null): string {
  const document: JournalExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    app: { name: 'Hearth' },
    checkIns: checkIns.map(canonicalCheckIn),
    preferences: { activities: [...preferences.activities], customEmotions: [...preferences.customEmotions] },
    ...(safetyPlan && !isPlanEmpty(safetyPlan) ? { safetyPlan } : {}),
  };
  return `${JSON.stringify({ ...document, checksum: checksumOf(JSON.stringify(document, null, 2)) }, null, 2)}\n`;
}

/**
 * True when the file has no CRC-32 checksum (made before it existed, or by a later format with another
 * kind, which the version check then handles) or the one it has fits its contents.
 */
function checksumFits(data: Record<string, unknown>): boolean {
  const { checksum, ...rest } = data;
  if (typeof checksum !== 'string' || !checksum.startsWith('crc32:')) return true;
  // JSON.parse keeps key order and JSON.stringify writes numbers and strings one way, so this is the text exported.
  return checksum === checksumOf(JSON.stringify(rest, null, 2));
}

// ---------------------------------------------------------------------------------------------
// JSON import

const UNCHANGED = 'Nothing was imported, and your journal is unchanged.';

const MESSAGES = {
  damaged: 'This file looks incomplete or damaged, so nothing was imported. Your journal is unchanged. Try exporting it again.',
  foreign:
    "This isn't a Hearth journal export, so nothing was imported. Your journal is unchanged. Choose a JSON file that Hearth exported.",
} as const;

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${String(Math.floor(chars / 1024 / 1024))} MB` : `${Math.ceil(chars / 1024).toLocaleString('en')} KB`;
}

function problem(kind: ImportProblem['kind'], message: string): { ok: false; error: ImportProblem } {
  return { ok: false, error: { kind, message } };
}

const labelList = z.array(z.string().min(1).max(LIMITS.labelLength)).max(200);

const EnvelopeSchema = z.object({
  exportedAt: z.string().refine((text) => !Number.isNaN(Date.parse(text))),
  app: z.object({ name: z.literal('Hearth') }),
  checkIns: z.array(z.unknown()),
  preferences: z.object({ activities: labelList, customEmotions: labelList }),
  safetyPlan: SafetyPlanSchema.optional(),
});

const ENVELOPE_FIELD_WORDS: Readonly<Record<string, string>> = {
  exportedAt: 'the date it was exported',
  app: 'the name of the app that made it',
  checkIns: 'its list of check-ins',
  preferences: 'its saved activities and emotion words',
  safetyPlan: 'its safety plan',
};

/** What each check-in field is called and should hold, in the person's words. */
const FIELD_RULES: Readonly<Record<keyof CheckIn, { name: string; rule: string }>> = {
  id: { name: 'id', rule: 'should be text of 1 to 64 characters' },
  at: { name: 'time', rule: 'should be a moment in time' },
  zone: { name: 'time zone', rule: 'should be a known time zone such as "Europe/London"' },
  day: { name: 'date', rule: 'should be written as YYYY-MM-DD' },
  mood: { name: 'mood', rule: 'should be a whole number from 1 to 5' },
  energy: { name: 'energy', rule: 'should be a whole number from 1 to 5, or left out' },
  emotions: { name: 'emotion list', rule: `should hold up to ${String(LIMITS.labelsPerCheckIn)} words of 1 to ${String(LIMITS.labelLength)} characters each` },
  activities: { name: 'activity list', rule: `should hold up to ${String(LIMITS.labelsPerCheckIn)} words of 1 to ${String(LIMITS.labelLength)} characters each` },
  sleepHours: { name: 'hours of sleep', rule: `should be a number from 0 to ${String(LIMITS.maxSleepHours)}, or left out` },
  medication: { name: 'medication answer', rule: 'should be "yes", "no" or "skip", or left out' },
  note: { name: 'note', rule: `should be text of at most ${LIMITS.noteLength.toLocaleString('en')} characters` },
  createdAt: { name: 'creation time', rule: 'should be a moment in time' },
  updatedAt: { name: 'last-edited time', rule: 'should be a moment in time' },
};

function isCheckInKey(key: PropertyKey | undefined): key is keyof CheckIn {
  return typeof key === 'string' && Object.hasOwn(FIELD_RULES, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "Entry 12 in this file has a problem: its mood should be …" — the first problem found, in plain words. */
function describeEntryProblem(entry: number, raw: unknown, issue: z.core.$ZodIssue | undefined): string {
  const which = `Entry ${entry.toLocaleString('en')} in this file`;
  if (!isRecord(raw)) return `${which} isn't a check-in. ${UNCHANGED}`;
  if (!issue) return `${which} isn't a valid check-in. ${UNCHANGED}`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key.slice(0, 40)}"`).join(', ');
    return `${which} has ${issue.keys.length === 1 ? 'a field' : 'fields'} Hearth doesn't know (${keys}). ${UNCHANGED}`;
  }
  const key = issue.path[0];
  if (!isCheckInKey(key)) return `${which} isn't a valid check-in. ${UNCHANGED}`;
  const { name, rule } = FIELD_RULES[key];
  if (raw[key] === undefined) return `${which} has no ${name}. ${UNCHANGED}`;
  return `${which} has a problem: its ${name} ${rule}. ${UNCHANGED}`;
}

export interface ImportLimits {
  /** Default MAX_IMPORT_CHARS. */
  readonly maxChars?: number;
  /** Default MAX_IMPORT_CHECK_INS. */
  readonly maxCheckIns?: number;
}

/**
 * Reads a JSON export, all or nothing: either every check-in is valid and the whole file is returned,
 * or a problem says what is wrong. Never throws for any input text.
 */
export function parseJsonExport(text: string, limits: ImportLimits = {}): ImportResult {
  const maxChars = limits.maxChars ?? MAX_IMPORT_CHARS;
  const maxCheckIns = limits.maxCheckIns ?? MAX_IMPORT_CHECK_INS;
  if (text.length > maxChars) {
    return problem('invalid', `This file is too large to import (over ${formatSize(maxChars)}). ${UNCHANGED}`);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = body.trimStart();
  // An empty file is most likely an export cut off at the start.
  if (start === '') return problem('damaged', MESSAGES.damaged);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // JSON.parse throws a SyntaxError for broken text; the person gets a plain message instead. A Hearth
    // export always starts with "{", so broken text that doesn't is some other kind of file (CSV, notes…).
    return problem(start.startsWith('{') ? 'damaged' : 'foreign', start.startsWith('{') ? MESSAGES.damaged : MESSAGES.foreign);
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT) return problem('foreign', MESSAGES.foreign);
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return problem('invalid', `This Hearth export doesn't say which format version it uses, so it can't be read safely. ${UNCHANGED}`);
  }
  if (version > EXPORT_VERSION) {
    return problem(
      'newer-version',
      `This file was made by a newer version of Hearth (format ${String(version)}). Update Hearth, then import it again. Nothing was changed.`,
    );
  }
  // After the version checks, so a file from a newer Hearth is named as such, not as damaged.
  if (!checksumFits(data)) return problem('damaged', MESSAGES.damaged);
  const envelope = EnvelopeSchema.safeParse(data);
  if (!envelope.success) {
    const field = envelope.error.issues[0]?.path[0];
    const words = typeof field === 'string' ? ENVELOPE_FIELD_WORDS[field] : undefined;
    return problem('invalid', `This Hearth export has a problem with ${words ?? 'its contents'}. ${UNCHANGED}`);
  }
  const rawCheckIns = envelope.data.checkIns;
  if (rawCheckIns.length > maxCheckIns) {
    return problem('invalid', `This file has more check-ins than Hearth can import at once (over ${maxCheckIns.toLocaleString('en')}). ${UNCHANGED}`);
  }
  const checkIns: CheckIn[] = [];
  const firstEntryById = new Map<string, number>();
  for (let i = 0; i < rawCheckIns.length; i++) {
    const raw = rawCheckIns[i];
    const parsed = CheckInSchema.safeParse(raw);
    if (!parsed.success) return problem('invalid', describeEntryProblem(i + 1, raw, parsed.error.issues[0]));
    const earlier = firstEntryById.get(parsed.data.id);
    if (earlier !== undefined) {
      return problem(
        'invalid',
        `Entries ${earlier.toLocaleString('en')} and ${(i + 1).toLocaleString('en')} in this file have the same id, so Hearth can't tell which one to keep. ${UNCHANGED}`,
      );
    }
    firstEntryById.set(parsed.data.id, i + 1);
    checkIns.push(parsed.data);
  }
  return {
    ok: true,
    value: {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: envelope.data.exportedAt,
      app: { name: 'Hearth' },
      checkIns,
      preferences: envelope.data.preferences,
      ...(envelope.data.safetyPlan ? { safetyPlan: envelope.data.safetyPlan } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Merge plan

export interface ImportPlan {
  /** Check-ins whose ids are not in the journal yet. */
  readonly add: CheckIn[];
  /** Imported check-ins that replace a local one because they were edited later. */
  readonly update: CheckIn[];
  /** Imported ids already here in the same or a later edit; the local copy is kept. */
  readonly unchanged: number;
}

/**
 * A non-destructive merge: new ids are added; an existing id is replaced only when the imported copy
 * has a later `updatedAt` (ties keep the local copy); nothing is ever deleted. If `incoming` repeats an
 * id, only its latest edit counts, so add + update + unchanged is the number of distinct incoming ids.
 */
export function planImport(existing: ReadonlyMap<string, CheckIn>, incoming: readonly CheckIn[]): ImportPlan {
  const latest = new Map<string, CheckIn>();
  for (const checkIn of incoming) {
    const seen = latest.get(checkIn.id);
    if (!seen || checkIn.updatedAt > seen.updatedAt) latest.set(checkIn.id, checkIn);
  }
  const add: CheckIn[] = [];
  const update: CheckIn[] = [];
  let unchanged = 0;
  for (const checkIn of latest.values()) {
    const local = existing.get(checkIn.id);
    if (!local) add.push(checkIn);
    else if (checkIn.updatedAt > local.updatedAt) update.push(checkIn);
    else unchanged += 1;
  }
  return { add, update, unchanged };
}

const count = (n: number): string => n.toLocaleString('en');
const checkInWord = (n: number): string => (n === 1 ? 'check-in' : 'check-ins');

/** One or two sentences saying what an import did, e.g. "Added 12 check-ins and updated 3. 985 were already here." */
export function describeImport(plan: ImportPlan): string {
  const added = plan.add.length;
  const updated = plan.update.length;
  const same = plan.unchanged;
  if (added === 0 && updated === 0) {
    if (same === 0) return 'The file had no check-ins, so nothing was imported.';
    if (same === 1) return 'The check-in in this file was already here, so nothing changed.';
    return `All ${count(same)} check-ins in this file were already here, so nothing changed.`;
  }
  let first: string;
  if (added > 0 && updated > 0) first = `Added ${count(added)} ${checkInWord(added)} and updated ${count(updated)}.`;
  else if (added > 0) first = `Added ${count(added)} ${checkInWord(added)}.`;
  else first = `Updated ${count(updated)} ${checkInWord(updated)}.`;
  if (same === 0) return first;
  return `${first} ${count(same)} ${same === 1 ? 'was' : 'were'} already here.`;
}

// ---------------------------------------------------------------------------------------------
// Markdown and CSV

function byTime(checkIns: readonly CheckIn[]): CheckIn[] {
  return [...checkIns].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'time', zone: string): Intl.DateTimeFormat {
  const key = `${kind} ${zone}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
        : { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    format = new Intl.DateTimeFormat('en-GB', options);
    formatters.set(key, format);
  }
  return format;
}

const MEDICATION_WORDS: Readonly<Record<MedicationAnswer, string>> = {
  yes: 'taken',
  no: 'not taken',
  skip: 'question skipped',
};

/** Escapes the inline Markdown characters in a short label (and folds line breaks) so it reads as plain text. */
function plainMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`);
}

function formatHours(hours: number): string {
  return `${String(Math.round(hours * 100) / 100)} ${hours === 1 ? 'hour' : 'hours'}`;
}

export interface MarkdownOptions {
  /** Heading of the document. Default "Hearth journal". */
  readonly title?: string;
  /** Show every time in this zone; by default each check-in shows the local time where it was written. */
  readonly zone?: string;
}

/** A readable document, oldest first (as a clinician reads a history), grouped by day. */
export function toMarkdown(checkIns: readonly CheckIn[], options: MarkdownOptions = {}): string {
  const sorted = byTime(checkIns);
  const lines: string[] = [`# ${plainMarkdown(options.title ?? 'Hearth journal')}`, ''];
  const zones = new Set(sorted.map((checkIn) => checkIn.zone));
  const showZone = options.zone === undefined && zones.size > 1;
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) {
    lines.push('No check-ins.', '');
    return lines.join('\n');
  }
  const dayOf = (checkIn: CheckIn): string => (options.zone === undefined ? checkIn.day : localDay(checkIn.at, options.zone));
  lines.push(
    `${count(sorted.length)} ${checkInWord(sorted.length)}, from ${dayOf(first)} to ${dayOf(last)}.`,
    options.zone === undefined ? 'Times are local to where each check-in was written.' : `Times are shown in ${options.zone}.`,
    '',
  );
  let currentDay = '';
  for (const checkIn of sorted) {
    const zone = options.zone ?? checkIn.zone;
    const day = dayOf(checkIn);
    if (day !== currentDay) {
      currentDay = day;
      lines.push(`## ${formatter('date', zone).format(checkIn.at)}`, '');
    }
    const mood = moodInfo(checkIn.mood);
    const time = formatter('time', zone).format(checkIn.at);
    lines.push(`### ${time}${showZone ? ` (${checkIn.zone})` : ''} · ${mood.word} (mood ${String(checkIn.mood)} of 5)`, '');
    const details: string[] = [];
    if (checkIn.energy !== undefined) details.push(`- Energy: ${ENERGY_WORDS[checkIn.energy]} (${String(checkIn.energy)} of 5)`);
    if (checkIn.emotions.length > 0) details.push(`- Emotions: ${checkIn.emotions.map(plainMarkdown).join(', ')}`);
    if (checkIn.activities.length > 0) details.push(`- Activities: ${checkIn.activities.map(plainMarkdown).join(', ')}`);
    if (checkIn.sleepHours !== undefined) details.push(`- Sleep: ${formatHours(checkIn.sleepHours)}`);
    if (checkIn.medication !== undefined) details.push(`- Medication: ${MEDICATION_WORDS[checkIn.medication]}`);
    if (details.length > 0) lines.push(...details, '');
    const note = checkIn.note.trim();
    // The note is the person's own Markdown; quoting keeps its headings and lists inside this entry.
    if (note) lines.push(...note.split(/\r\n|\r|\n/).map((line) => (line ? `> ${line}` : '>')), '');
  }
  return lines.join('\n');
}

const CSV_HEADER = ['id', 'date', 'time', 'zone', 'mood', 'mood word', 'energy', 'emotions', 'activities', 'sleep hours', 'medication', 'note'];

/** Quotes a cell per RFC 4180 and defuses spreadsheet formulas (cells starting = + - @ tab or CR get a leading '). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180 CSV (CRLF line ends, a header row), one row per check-in, oldest first. The text has no
 * byte-order mark; a file writer that targets Excel may want to prepend one.
 */
export function toCsv(checkIns: readonly CheckIn[]): string {
  const rows = [CSV_HEADER];
  for (const checkIn of byTime(checkIns)) {
    rows.push([
      checkIn.id,
      checkIn.day,
      formatter('time', checkIn.zone).format(checkIn.at),
      checkIn.zone,
      String(checkIn.mood),
      moodInfo(checkIn.mood).word,
      checkIn.energy === undefined ? '' : String(checkIn.energy),
      checkIn.emotions.join('; '),
      checkIn.activities.join('; '),
      checkIn.sleepHours === undefined ? '' : String(checkIn.sleepHours),
      checkIn.medication ?? '',
      checkIn.note,
    ]);
  }
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
