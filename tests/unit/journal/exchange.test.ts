// Export and import: lossless JSON round trips, calm refusals of bad files, the merge plan, Markdown and CSV.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckInSchema, type CheckIn } from '@shared/journal/checkIn';
import {
  describeImport,
  parseJsonExport,
  planImport,
  toCsv,
  toJsonExport,
  toMarkdown,
  type ImportPlan,
  type ImportResult,
  type JournalExport,
} from '@shared/journal/exchange';
import { EMPTY_PLAN } from '@shared/safety/safetyPlan';
import { checkInArb, checkInsArb, preferencesArb } from '../../support/arbitraries';
import { generateJournal, makeCheckIn } from '../../support/fixtures';

const NOW = new Date('2025-06-30T18:45:00.000Z');
const PREFS = { activities: ['walk', 'pottery'], customEmotions: ['fizzy'] };

function expectProblem(result: ImportResult, kind: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a problem');
  expect(result.error.kind).toBe(kind);
  expect(result.error.message).toMatch(/unchanged|Nothing was changed/);
  return result.error.message;
}

function expectValue(result: ImportResult): JournalExport {
  if (!result.ok) throw new Error(`expected a value, got: ${result.error.message}`);
  return result.value;
}

/** A valid export as a plain object, to be damaged by individual tests. */
function exportObject(checkIns: readonly CheckIn[] = [makeCheckIn({ id: 'a' }), makeCheckIn({ id: 'b', mood: 5 })]): Record<string, unknown> {
  const parsed: unknown = JSON.parse(toJsonExport(checkIns, PREFS, NOW));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('export is not an object');
  // Without its checksum, as files made before it existed: the tests below change fields on purpose to
  // reach each field's own message (with the checksum, any change reads as damage; tested on its own).
  const rest: Record<string, unknown> = { ...parsed };
  delete rest.checksum;
  return rest;
}

const full: CheckIn = {
  id: 'full',
  at: Date.UTC(2024, 2, 4, 8, 15),
  zone: 'Europe/London',
  day: '2024-03-04',
  mood: 4,
  energy: 2,
  emotions: ['calm', 'hopeful'],
  activities: ['walk', 'reading'],
  sleepHours: 7.5,
  medication: 'yes',
  note: 'Went out early.\n\n# Not a heading',
  createdAt: Date.UTC(2024, 2, 4, 8, 20),
  updatedAt: Date.UTC(2024, 2, 5, 9, 0),
};
const bare = makeCheckIn({ id: 'bare', at: Date.UTC(2024, 2, 3, 21, 5), mood: 2 });

describe('toJsonExport', () => {
  it('writes the versioned envelope, pretty-printed, in a fixed key order', () => {
    const text = toJsonExport([full], PREFS, NOW);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "format": "hearth-journal",\n  "version": 1,\n  "exportedAt": "2025-06-30T18:45:00.000Z",');
    const data = exportObject([full]);
    expect(Object.keys(data)).toEqual(['format', 'version', 'exportedAt', 'app', 'checkIns', 'preferences']);
    expect(data.app).toEqual({ name: 'Hearth' });
    expect(data.preferences).toEqual(PREFS);
    const [first] = data.checkIns as unknown[];
    expect(Object.keys(first as object)).toEqual(Object.keys(CheckInSchema.shape));
  });

  it('gives the same text whatever order the check-in keys were in, and leaves out extra fields', () => {
    const { id, at, zone, day, mood, emotions, activities, note, createdAt, updatedAt } = full;
    const shuffled: CheckIn = { updatedAt, createdAt, note, activities, emotions, mood, day, zone, at, id, medication: 'yes', sleepHours: 7.5, energy: 2 };
    const withExtra: CheckIn = Object.assign({ decrypted: true }, full);
    expect(toJsonExport([shuffled], PREFS, NOW)).toBe(toJsonExport([full], PREFS, NOW));
    expect(toJsonExport([withExtra], PREFS, NOW)).toBe(toJsonExport([full], PREFS, NOW));
  });
});

describe('parseJsonExport round trip', () => {
  it('reads back exactly what was written, optional fields absent or present', () => {
    const value = expectValue(parseJsonExport(toJsonExport([full, bare], PREFS, NOW)));
    expect(value).toStrictEqual({ format: 'hearth-journal', version: 1, exportedAt: NOW.toISOString(), app: { name: 'Hearth' }, checkIns: [full, bare], preferences: PREFS });
    expect('energy' in (value.checkIns[1] ?? {})).toBe(false);
  });

  it('is lossless for any valid journal (property)', () => {
    fc.assert(
      fc.property(checkInsArb({ maxLength: 30 }), preferencesArb, fc.date({ min: new Date(2000, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }), (checkIns, prefs, now) => {
        const value = expectValue(parseJsonExport(toJsonExport(checkIns, prefs, now)));
        expect(value.checkIns).toStrictEqual(checkIns);
        expect(value.preferences).toStrictEqual(prefs);
        expect(value.exportedAt).toBe(now.toISOString());
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips 1,000 generated check-ins', () => {
    fc.assert(
      fc.property(checkInsArb({ minLength: 1_000, maxLength: 1_000 }), (checkIns) => {
        expect(checkIns).toHaveLength(1_000);
        expect(expectValue(parseJsonExport(toJsonExport(checkIns, PREFS, NOW))).checkIns).toStrictEqual(checkIns);
      }),
      { numRuns: 3 },
    );
  });

  it('round-trips a realistic generated journal and ignores a byte-order mark', () => {
    const journal = generateJournal(1_000, { seed: 5, zone: 'America/St_Johns' });
    const value = expectValue(parseJsonExport(`\uFEFF${toJsonExport(journal, PREFS, NOW)}`));
    expect(value.checkIns).toStrictEqual(journal);
  });
});

describe('parseJsonExport refusals', () => {
  it('calls every truncation of an export damaged', () => {
    const text = toJsonExport([full, bare], PREFS, NOW);
    const end = text.lastIndexOf('}');
    for (let cut = 0; cut <= end; cut++) {
      const message = expectProblem(parseJsonExport(text.slice(0, cut)), 'damaged');
      expect(message).toBe('This file looks incomplete or damaged, so nothing was imported. Your journal is unchanged. Try exporting it again.');
    }
  });

  it('calls truncations of a large export damaged', () => {
    const text = toJsonExport(generateJournal(300, { seed: 2 }), PREFS, NOW);
    const end = text.lastIndexOf('}');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: end }), (cut) => {
        expectProblem(parseJsonExport(text.slice(0, cut)), 'damaged');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a backup with any one byte changed, as damaged, or reads exactly what was exported', () => {
    const journal = [makeCheckIn({ id: 'a', note: 'Walked to the lake; felt calmer after 20 minutes.', sleepHours: 7.5 }), makeCheckIn({ id: 'b', mood: 5 })];
    const plan = { ...EMPTY_PLAN, warningSigns: 'Not sleeping', helpers: [{ name: 'Sam', phone: '07700 900123', via: '' }], updatedAt: 9 };
    const text = toJsonExport(journal, PREFS, NOW, plan);
    const original = expectValue(parseJsonExport(text));
    const bytes = new TextEncoder().encode(text);
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const damaged = bytes.slice();
        damaged[at] = (damaged[at] ?? 0) ^ mask;
        // As the app reads a chosen file: text, with any broken UTF-8 replaced.
        const result = parseJsonExport(new TextDecoder().decode(damaged));
        if (result.ok) expect(result.value).toEqual(original);
        else expect(result.error.message).toMatch(/unchanged|Nothing was changed/);
      }),
      { numRuns: 3000 },
    );
    // A change inside a note that leaves valid JSON is caught by the checksum, not imported as other words.
    expectProblem(parseJsonExport(text.replace('calmer', 'calmar')), 'damaged');
    expectProblem(parseJsonExport(text.replace('"mood": 5', '"mood": 4')), 'damaged');
  });

  it('calls corrupted JSON damaged', () => {
    expectProblem(parseJsonExport('{"format": "hearth-journal", "version": 1,, }'), 'damaged');
    expectProblem(parseJsonExport('   \n'), 'damaged');
    expectProblem(parseJsonExport('{\u0000\u0001'), 'damaged');
  });

  it.each([
    ['a package.json', JSON.stringify({ name: 'hearth', version: '0.1.0', dependencies: { zod: '^4' } }, null, 2)],
    ['an array', '[1, 2, 3]'],
    ['an array of check-ins', JSON.stringify([full])],
    ['a Day One export', JSON.stringify({ metadata: { version: '1.0' }, entries: [{ uuid: 'X', text: 'Hello', creationDate: '2024-03-04T08:15:00Z', tags: [] }] })],
    ['a Daylio-like backup', JSON.stringify({ version: 15, dayEntries: [{ mood: 1, note: '' }] })],
    ['another app named hearth', JSON.stringify({ format: 'hearth-notes', version: 1 })],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"hearth-journal"'],
    ['a CSV file', 'id,date,time\r\nabc,2024-03-04,08:15\r\n'],
    ['plain text', 'Dear diary, today was fine.'],
  ])('calls %s foreign', (_name, text) => {
    const message = expectProblem(parseJsonExport(text), 'foreign');
    expect(message).toMatch(/^This isn't a Hearth journal export/);
  });

  it('asks for an update when the file is from a newer format', () => {
    const message = expectProblem(parseJsonExport(JSON.stringify({ ...exportObject(), version: 3 })), 'newer-version');
    expect(message).toBe('This file was made by a newer version of Hearth (format 3). Update Hearth, then import it again. Nothing was changed.');
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1_000_000 }), (version) => {
        expectProblem(parseJsonExport(JSON.stringify({ format: 'hearth-journal', version, anything: [] })), 'newer-version');
      }),
    );
  });

  it.each([0, -1, 1.5, '1', null])('refuses an unclear version %j', (version) => {
    expectProblem(parseJsonExport(JSON.stringify({ ...exportObject(), version })), 'invalid');
  });

  it('names the entry and the field that is wrong', () => {
    const bad = (change: Record<string, unknown>, remove?: string): string => {
      const data = exportObject();
      const [first, second] = data.checkIns as Record<string, unknown>[];
      const broken: Record<string, unknown> = { ...second, ...change };
      if (remove) delete broken[remove];
      return expectProblem(parseJsonExport(JSON.stringify({ ...data, checkIns: [first, broken] })), 'invalid');
    };
    expect(bad({ mood: 7 })).toBe('Entry 2 in this file has a problem: its mood should be a whole number from 1 to 5. Nothing was imported, and your journal is unchanged.');
    expect(bad({ zone: 'Mars/Olympus_Mons' })).toMatch(/^Entry 2 in this file has a problem: its time zone should be a known time zone/);
    expect(bad({ sleepHours: 30 })).toMatch(/its hours of sleep should be a number from 0 to 24, or left out\./);
    expect(bad({ medication: 'maybe' })).toMatch(/its medication answer should be "yes", "no" or "skip"/);
    expect(bad({ emotions: ['calm', ''] })).toMatch(/its emotion list should hold up to 40 words of 1 to 40 characters each\./);
    expect(bad({ day: '4 March' })).toMatch(/its date should be written as YYYY-MM-DD\./);
    expect(bad({ energy: null })).toMatch(/its energy should be a whole number from 1 to 5, or left out\./);
    expect(bad({}, 'note')).toBe('Entry 2 in this file has no note. Nothing was imported, and your journal is unchanged.');
    expect(bad({ mystery: 1 })).toMatch(/^Entry 2 in this file has a field Hearth doesn't know \("mystery"\)/);
  });

  it('refuses an entry that is not a check-in at all', () => {
    const data = exportObject();
    expect(expectProblem(parseJsonExport(JSON.stringify({ ...data, checkIns: ['hello'] })), 'invalid')).toMatch(/^Entry 1 in this file isn't a check-in/);
  });

  it('refuses duplicate ids inside the file', () => {
    const text = toJsonExport([makeCheckIn({ id: 'x' }), makeCheckIn({ id: 'y' }), makeCheckIn({ id: 'x', mood: 5 })], PREFS, NOW);
    expect(expectProblem(parseJsonExport(text), 'invalid')).toMatch(/^Entries 1 and 3 in this file have the same id/);
  });

  it.each([
    ['preferences', undefined, /saved activities and emotion words/],
    ['preferences', { activities: [''], customEmotions: [] }, /saved activities and emotion words/],
    ['exportedAt', 'yesterday', /the date it was exported/],
    ['app', { name: 'Other' }, /the name of the app/],
    ['checkIns', {}, /its list of check-ins/],
  ])('refuses a bad %s', (field, value, pattern) => {
    const data = exportObject();
    expect(expectProblem(parseJsonExport(JSON.stringify({ ...data, [field]: value })), 'invalid')).toMatch(pattern);
  });

  it('refuses files that are too large or hold too many check-ins, before doing any work', () => {
    const text = toJsonExport([full, bare], PREFS, NOW);
    expect(expectProblem(parseJsonExport(text, { maxChars: 100 }), 'invalid')).toMatch(/too large to import \(over 1 KB\)/);
    expect(expectProblem(parseJsonExport(text, { maxCheckIns: 1 }), 'invalid')).toMatch(/more check-ins than Hearth can import at once \(over 1\)/);
    expect(expectProblem(parseJsonExport(' '.repeat(100 * 1024 * 1024 + 1)), 'invalid')).toMatch(/over 100 MB/);
  });

  it('never throws, whatever the text (property)', () => {
    const anyText = fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ format: 'hearth-journal', version: 1, checkIns: [value] })));
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseJsonExport(text);
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(20);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts only check-ins the schema accepts when one field is mutated (property)', () => {
    fc.assert(
      fc.property(checkInArb(), fc.constantFrom('mood', 'at', 'zone', 'note', 'sleepHours', 'emotions'), fc.jsonValue(), (checkIn, field, value) => {
        const mutated = { ...checkIn, [field]: value };
        const text = JSON.stringify({ ...exportObject([]), checkIns: [mutated] });
        const result = parseJsonExport(text);
        expect(result.ok).toBe(CheckInSchema.safeParse(JSON.parse(JSON.stringify(mutated))).success);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Merge plan

describe('planImport', () => {
  const local = new Map<string, CheckIn>([
    ['same', makeCheckIn({ id: 'same', updatedAt: 100 })],
    ['older-here', makeCheckIn({ id: 'older-here', updatedAt: 100, mood: 1 })],
    ['newer-here', makeCheckIn({ id: 'newer-here', updatedAt: 300 })],
    ['only-here', makeCheckIn({ id: 'only-here' })],
  ]);

  it('adds new ids, replaces only with later edits, and never deletes', () => {
    const incoming = [
      makeCheckIn({ id: 'new', updatedAt: 1 }),
      makeCheckIn({ id: 'same', updatedAt: 100, mood: 5 }),
      makeCheckIn({ id: 'older-here', updatedAt: 200, mood: 5 }),
      makeCheckIn({ id: 'newer-here', updatedAt: 200 }),
    ];
    const plan = planImport(local, incoming);
    expect(plan.add.map((c) => c.id)).toEqual(['new']);
    expect(plan.update.map((c) => [c.id, c.mood])).toEqual([['older-here', 5]]);
    expect(plan.unchanged).toBe(2);
    expect(Object.keys(plan).sort()).toEqual(['add', 'unchanged', 'update']);
  });

  it('uses the latest edit when the incoming list repeats an id', () => {
    const plan = planImport(local, [makeCheckIn({ id: 'n', updatedAt: 5, mood: 1 }), makeCheckIn({ id: 'n', updatedAt: 9, mood: 4 }), makeCheckIn({ id: 'n', updatedAt: 7, mood: 2 })]);
    expect(plan.add.map((c) => c.mood)).toEqual([4]);
    expect(plan.unchanged).toBe(0);
  });

  it('keeps every local check-in and ends with the latest edit of each id (property)', () => {
    fc.assert(
      fc.property(checkInsArb({ maxLength: 20 }), checkInsArb({ maxLength: 20 }), fc.boolean(), (mine, theirs, overlap) => {
        // Make some ids collide so updates and ties happen.
        const incoming = overlap ? theirs.map((c, i) => ({ ...c, id: mine[i]?.id ?? c.id })) : theirs;
        const existing = new Map(mine.map((c) => [c.id, c]));
        const plan = planImport(existing, incoming);
        const distinct = new Set(incoming.map((c) => c.id));
        expect(plan.add.length + plan.update.length + plan.unchanged).toBe(distinct.size);
        for (const c of plan.add) expect(existing.has(c.id)).toBe(false);
        for (const c of plan.update) expect(c.updatedAt).toBeGreaterThan(existing.get(c.id)?.updatedAt ?? Infinity);
        const merged = new Map(existing);
        for (const c of [...plan.add, ...plan.update]) merged.set(c.id, c);
        for (const id of existing.keys()) expect(merged.has(id)).toBe(true);
        for (const c of incoming) expect(merged.get(c.id)?.updatedAt).toBeGreaterThanOrEqual(c.updatedAt);
        // Importing the same file twice changes nothing the second time.
        const again = planImport(merged, incoming);
        expect(again.add.length + again.update.length).toBe(0);
      }),
    );
  });
});

describe('describeImport', () => {
  const plan = (add: number, update: number, unchanged: number): ImportPlan => ({
    add: Array.from({ length: add }, () => makeCheckIn()),
    update: Array.from({ length: update }, () => makeCheckIn()),
    unchanged,
  });

  it.each([
    [12, 3, 985, 'Added 12 check-ins and updated 3. 985 were already here.'],
    [1, 0, 0, 'Added 1 check-in.'],
    [1, 1, 1, 'Added 1 check-in and updated 1. 1 was already here.'],
    [0, 2, 0, 'Updated 2 check-ins.'],
    [0, 1, 4, 'Updated 1 check-in. 4 were already here.'],
    [1_200, 0, 0, 'Added 1,200 check-ins.'],
    [0, 0, 0, 'The file had no check-ins, so nothing was imported.'],
    [0, 0, 1, 'The check-in in this file was already here, so nothing changed.'],
    [0, 0, 1_000, 'All 1,000 check-ins in this file were already here, so nothing changed.'],
  ])('describes %d added, %d updated, %d unchanged', (add, update, unchanged, sentence) => {
    expect(describeImport(plan(add, update, unchanged))).toBe(sentence);
  });
});

// ---------------------------------------------------------------------------------------------
// Markdown

describe('toMarkdown', () => {
  it('writes each check-in oldest first with every field it has', () => {
    const text = toMarkdown([full, bare], { title: 'For Dr *Lee*' });
    expect(text.startsWith('# For Dr \\*Lee\\*\n')).toBe(true);
    expect(text).toContain('2 check-ins, from 2024-03-03 to 2024-03-04.');
    expect(text.indexOf('Sunday, 3 March 2024')).toBeGreaterThan(0);
    expect(text.indexOf('Sunday, 3 March 2024')).toBeLessThan(text.indexOf('Monday, 4 March 2024'));
    expect(text).toContain('### 21:05 (UTC) · Low (mood 2 of 5)');
    expect(text).toContain('### 08:15 (Europe/London) · Good (mood 4 of 5)');
    expect(text).toContain('- Energy: Tired (2 of 5)');
    expect(text).toContain('- Emotions: calm, hopeful');
    expect(text).toContain('- Activities: walk, reading');
    expect(text).toContain('- Sleep: 7.5 hours');
    expect(text).toContain('- Medication: taken');
    expect(text).toContain('> Went out early.\n>\n> # Not a heading');
    const bareSection = text.slice(text.indexOf('### 21:05'), text.indexOf('## Monday,'));
    expect(bareSection).not.toMatch(/Energy|Emotions|Activities|Sleep|Medication|>/);
  });

  it('shows times in one zone when asked, without repeating it', () => {
    const text = toMarkdown([full], { zone: 'America/New_York' });
    expect(text).toContain('Times are shown in America/New_York.');
    expect(text).toContain('### 03:15 · Good');
    expect(text).toContain('# Hearth journal');
  });

  it('escapes Markdown in labels and describes medication in words', () => {
    const text = toMarkdown([makeCheckIn({ emotions: ['*loud*', '[link](x)'], medication: 'skip' }), makeCheckIn({ medication: 'no', at: Date.UTC(2024, 5, 1) })]);
    expect(text).toContain('- Emotions: \\*loud\\*, \\[link\\](x)');
    expect(text).toContain('- Medication: question skipped');
    expect(text).toContain('- Medication: not taken');
  });

  it('says so when there is nothing to show', () => {
    expect(toMarkdown([])).toBe('# Hearth journal\n\nNo check-ins.\n');
  });
});

// ---------------------------------------------------------------------------------------------
// CSV

/** A strict RFC 4180 reader, to check the writer from the outside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++] ?? '';
      }
    }
    if (text.startsWith('\r\n', i)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else if (text[i] === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (i < text.length) {
      const char = text[i] ?? '';
      if (char === '"' || char === '\r' || char === '\n') throw new Error(`bare ${JSON.stringify(char)} at ${String(i)}`);
      cell += char;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('last record has no CRLF');
  return rows;
}

const HEADER = ['id', 'date', 'time', 'zone', 'mood', 'mood word', 'energy', 'emotions', 'activities', 'sleep hours', 'medication', 'note'];

describe('toCsv', () => {
  it('writes a header and one row per check-in, oldest first, with CRLF line ends', () => {
    const text = toCsv([full, bare]);
    expect(text.startsWith(`${HEADER.join(',')}\r\n`)).toBe(true);
    expect(parseCsv(text)).toEqual([
      HEADER,
      ['bare', '2024-03-03', '21:05', 'UTC', '2', 'Low', '', '', '', '', '', ''],
      ['full', '2024-03-04', '08:15', 'Europe/London', '4', 'Good', '2', 'calm; hopeful', 'walk; reading', '7.5', 'yes', 'Went out early.\n\n# Not a heading'],
    ]);
  });

  it('doubles quotes and quotes cells with commas or line breaks', () => {
    const text = toCsv([makeCheckIn({ id: 'q', note: 'She said "hi", then left.\r\nLater.', emotions: ['a,b'] })]);
    expect(text).toContain('"She said ""hi"", then left.\r\nLater."');
    expect(text).toContain(',"a,b",');
  });

  it.each(['=SUM(A1:A3)', '+44 20 7946 0000', '-1', '@home', '\tindented', '\rstart'])('defuses a cell starting like a formula: %j', (note) => {
    const rows = parseCsv(toCsv([makeCheckIn({ note, activities: [note.trim() || 'x'] })]));
    expect(rows[1]?.[11]).toBe(`'${note}`);
  });

  it('leaves harmless cells alone', () => {
    const rows = parseCsv(toCsv([makeCheckIn({ note: "It's fine = good", emotions: ['calm'] })]));
    expect(rows[1]?.[11]).toBe("It's fine = good");
    expect(rows[1]?.[7]).toBe('calm');
  });

  it('always parses back to the same notes and labels (property)', () => {
    fc.assert(
      fc.property(checkInsArb({ maxLength: 15 }), (checkIns) => {
        const rows = parseCsv(toCsv(checkIns));
        expect(rows).toHaveLength(checkIns.length + 1);
        const sorted = [...checkIns].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const guarded = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
        sorted.forEach((checkIn, i) => {
          const row = rows[i + 1];
          expect(row).toHaveLength(HEADER.length);
          expect(row?.[0]).toBe(guarded(checkIn.id));
          expect(row?.[1]).toBe(checkIn.day);
          expect(row?.[11]).toBe(guarded(checkIn.note));
          expect(row?.[7]).toBe(guarded(checkIn.emotions.join('; ')));
          for (const cell of row ?? []) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        });
      }),
    );
  });
});
