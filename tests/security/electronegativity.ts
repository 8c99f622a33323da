// The static Electron security check in `npm test`: @doyensec/electronegativity scans what ships — the built
// main process, preload and page in out/ — and the run fails on any HIGH (or worse) finding. It first scans a
// deliberately insecure fixture to prove the scanner still reports HIGH findings, so it cannot pass vacuously.
// The scanner tries to look up Electron releases online; `npm run check:electron` runs it in a loopback-only
// namespace, where that lookup fails at once and the scan goes on with the Electron version given here.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const scanner = join(root, 'node_modules/.bin/electronegativity');

interface Finding {
  readonly check: string;
  readonly severity: string;
  readonly file: string;
  readonly location: string;
  readonly description: string;
}

/** Severities that fail the check. */
const FAILING = new Set(['HIGH', 'CRITICAL']);

/** The installed Electron's version, so the scanner judges defaults for the Electron that ships. */
function electronVersion(): string {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('node_modules/electron/package.json has no version; run npm ci');
  return manifest.version;
}

/** Attempts per scan: the scanner has been seen (once, on a cold CI machine) to write a report with no rows. */
const ATTEMPTS = 3;

/**
 * Scans a folder as one app (global checks such as CSP and navigation limits need all its parts). An empty report
 * is taken as an unfinished scan and repeated: both folders scanned here always give some finding (the fixture its
 * HIGH ones, the app at least its reviewed openExternal uses), so an empty one is never the real answer.
 */
async function scan(input: string): Promise<Finding[]> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const findings = await scanOnce(input);
    if (findings.length > 0) return findings;
    console.warn(`electronegativity: an empty report for ${input} (attempt ${String(attempt)} of ${String(ATTEMPTS)})`);
  }
  throw new Error(`electronegativity gave an empty report for ${input} ${String(ATTEMPTS)} times; the scan can't be trusted`);
}

async function scanOnce(input: string): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-electronegativity-'));
  const report = join(dir, 'report.csv');
  try {
    await run(scanner, ['--input', input, '--electron-version', electronVersion(), '--relative', '--verbose', 'false', '--output', report], {
      timeout: 180_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (!existsSync(report)) throw new Error(`electronegativity wrote no report for ${input}`);
    const [header, ...rows] = parseCsv(readFileSync(report, 'utf8'));
    if (header?.[0] !== 'issue' || header[1]?.trim() !== 'severity') throw new Error('electronegativity’s report has an unexpected layout');
    return rows
      .filter((row) => row.length >= 7)
      .map(([check = '', severity = '', , file = '', location = '', , description = '']) => ({ check, severity, file, location, description }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value !== '')) rows.push(row);
  return rows;
}

const describe = (finding: Finding): string => `  ${finding.severity} ${finding.check} at ${finding.file}:${finding.location} — ${finding.description}`;

async function main(): Promise<void> {
  const built = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'].map((path) => join(root, 'out', path));
  const missing = built.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`build the app first (npm run build); missing: ${missing.join(', ')}`);

  const control = (await scan(join(root, 'tests/security/fixtures/insecure'))).filter((finding) => FAILING.has(finding.severity));
  if (!control.some((finding) => finding.check === 'CONTEXT_ISOLATION_JS_CHECK')) {
    throw new Error(`the scanner missed the insecure fixture’s contextIsolation: false, so its verdict on the app can’t be trusted. It found:\n${control.map(describe).join('\n')}`);
  }
  console.log(`electronegativity: the insecure fixture gives ${String(control.length)} HIGH findings, as it should.`);

  const findings = await scan(join(root, 'out'));
  const failing = findings.filter((finding) => FAILING.has(finding.severity));
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  console.log(`electronegativity: the built app (out/): ${[...counts].map(([severity, count]) => `${String(count)} ${severity}`).join(', ') || 'no findings'}.`);
  if (failing.length > 0) {
    console.error(`electronegativity: HIGH findings in the built app:\n${failing.map(describe).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('electronegativity:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
