// `npm run bench`: builds the bench page, serves it on loopback, runs each bench part in Chromium and
// prints ONE JSON object on stdout (progress goes to stderr). Exits non-zero, saying why, on failure.
// Usage: tsx tests/bench/run.ts [part...]   (parts: journal, shell; default all; shell needs `npm run build:web`). HEARTH_CHROMIUM sets the
// browser, HEARTH_BENCH_ENTRIES the journal size for a quick run (budgets are stated at 10,000).
import { availableParallelism, cpus, loadavg } from 'node:os';
import { buildBenchPage, CHROMIUM_ARGS, CHROMIUM_PATH, progress, serveFolder, type BenchPart, type StaticServer } from './harness';
import { journalPart } from './journal';
import { shellPart } from './shell';

const PARTS: readonly BenchPart[] = [journalPart, shellPart];

/** A safety net: the bench is meant to finish in about three minutes on two cores. */
const TIMEOUT_MS = Number(process.env.HEARTH_BENCH_TIMEOUT_MS ?? 300_000);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges a part's sections into the result; sections several parts share (machine, budgets…) merge one level deep. */
function mergeInto(target: Record<string, unknown>, section: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(section)) {
    const existing = target[key];
    target[key] = isRecord(existing) && isRecord(value) ? { ...existing, ...value } : value;
  }
}

function roundLoad(load: number | undefined): number {
  return Math.round((load ?? 0) * 100) / 100;
}

function choosePart(names: readonly string[]): BenchPart[] {
  if (names.length === 0) return [...PARTS];
  return names.map((name) => {
    const part = PARTS.find((candidate) => candidate.name === name);
    if (!part) throw new Error(`Unknown bench part "${name}"; known parts: ${PARTS.map((known) => known.name).join(', ')}`);
    return part;
  });
}

async function main(): Promise<void> {
  const parts = choosePart(process.argv.slice(2));
  const started = performance.now();
  const result: Record<string, unknown> = {
    bench: 'hearth',
    parts: parts.map((part) => part.name),
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      // Other work on the machine skews absolute figures (ratios less so: both sides run interleaved).
      loadAverage1mAtStart: roundLoad(loadavg()[0]),
    },
  };
  progress('building the bench page');
  const pageDir = await buildBenchPage();
  let server: StaticServer | undefined;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`The bench took longer than ${String(TIMEOUT_MS / 1000)} s and was stopped`)), TIMEOUT_MS);
  try {
    server = await serveFolder(pageDir);
    const env = { origin: server.origin, chromiumPath: CHROMIUM_PATH, chromiumArgs: CHROMIUM_ARGS, signal: timeout.signal, progress };
    for (const part of parts) {
      progress(`part: ${part.name}`);
      mergeInto(result, await part.run(env));
    }
  } finally {
    clearTimeout(timer);
    await server?.close();
  }
  mergeInto(result, { machine: { loadAverage1mAtEnd: roundLoad(loadavg()[0]) } });
  if (isRecord(result.withinBudget)) {
    const verdicts = Object.entries(result.withinBudget).filter(([key]) => key !== 'all');
    result.withinBudget.all = verdicts.every(([, ok]) => ok === true);
  }
  result.durationMs = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => {
    progress('done');
  },
  (error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
