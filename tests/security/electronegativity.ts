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

/** Attempts per scan: the scanner has been seen to write a report with no rows, or only some of its rows. */
const ATTEMPTS = 3;

/**
 * Scans a folder as one app (global checks such as CSP and navigation limits need all its parts). The scanner is
 * not always complete on a busy machine: it has written an empty report, and a report missing findings it gives
 * on the next run (seen in CI: the fixture's HIGH rows missing). So a scan repeats until `complete` accepts it,
 * and for the app it runs at least twice and keeps the union of what each run found: a finding any run reports
 * counts, so a partial run can never hide one.
 */
async function scan(input: string, complete: (findings: readonly Finding[]) => boolean, runs = 1): Promise<Finding[]> {
  const found = new Map<string, Finding>();
  for (let attempt = 1; attempt <= ATTEMPTS + runs - 1; attempt += 1) {
    const findings = await scanOnce(input);
    const before = found.size;
    for (const finding of findings) found.set(`${finding.check}|${finding.file}|${finding.location}`, finding);
    const all = [...found.values()];
    if (attempt < runs) continue;
    if (complete(all) && (attempt === 1 || found.size === before)) return all;
    console.warn(`electronegativity: scan ${String(attempt)} of ${input} gave ${String(findings.length)} findings (${String(found.size)} so far); scanning again`);
  }
  throw new Error(`electronegativity did not give a complete, repeatable report for ${input} in ${String(ATTEMPTS + runs - 1)} scans; its verdict can't be trusted`);
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

  const missesIsolation = (findings: readonly Finding[]): boolean => !findings.some((finding) => finding.check === 'CONTEXT_ISOLATION_JS_CHECK' && FAILING.has(finding.severity));
  const control = (await scan(join(root, 'tests/security/fixtures/insecure'), (findings) => !missesIsolation(findings))).filter((finding) => FAILING.has(finding.severity));
  if (!control.some((finding) => finding.check === 'CONTEXT_ISOLATION_JS_CHECK')) {
    throw new Error(`the scanner missed the insecure fixture’s contextIsolation: false, so its verdict on the app can’t be trusted. It found:\n${control.map(describe).join('\n')}`);
  }
  console.log(`electronegativity: the insecure fixture gives ${String(control.length)} HIGH findings, as it should.`);

  // Never empty when complete: the app always has at least its reviewed openExternal uses.
  const findings = await scan(join(root, 'out'), (all) => all.length > 0, 2);
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
