// `npm run bench`: builds the bench page, serves it on loopback, runs each bench part in Chromium and
// prints ONE JSON object on stdout (progress goes to stderr). Exits non-zero, saying why, on failure.
// Usage: tsx tests/bench/run.ts [part...]   (parts: journal, shell, circles; default all; shell needs `npm run build:web`). HEARTH_CHROMIUM sets the
// browser, HEARTH_BENCH_ENTRIES the journal size for a quick run (budgets are stated at 10,000).
// The circles part runs peers over WebRTC, so the runner re-executes itself in the loopback-only namespace for it.
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { circlesPart } from './circles';
import { buildBenchPage, REPO_ROOT, CHROMIUM_ARGS, CHROMIUM_PATH, progress, serveFolder, type BenchPart, type StaticServer } from './harness';
import { journalPart } from './journal';
import { shellPart } from './shell';

const PARTS: readonly BenchPart[] = [journalPart, shellPart, circlesPart];

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

/** Set on the re-executed runner, so it never wraps itself twice (netns.sh may fall back to no namespace). */
const WRAPPED_VARIABLE = 'HEARTH_BENCH_IN_NETNS';

/** Networked parts run inside tests/support/netns.sh; outside it, runs this same command there and passes its exit code on. */
function reexecInNamespace(parts: readonly BenchPart[]): Promise<number> | undefined {
  if (!parts.some((part) => part.name === circlesPart.name)) return undefined;
  if (process.env.HEARTH_NETNS === '1' || process.env[WRAPPED_VARIABLE] === '1') return undefined;
  progress('re-running inside the loopback-only network namespace (tests/support/netns.sh)');
  const script = process.argv[1];
  if (script === undefined) throw new Error('cannot tell which script to re-run in the namespace');
  const child = spawn('sh', [resolve(REPO_ROOT, 'tests/support/netns.sh'), process.execPath, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [WRAPPED_VARIABLE]: '1' },
  });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal === null ? 1 : 128)));
  });
}

/** Runs the bench here, or in the namespace; resolves true when it ran here (the wrapped run reports for itself). */
async function start(): Promise<boolean> {
  const wrapped = reexecInNamespace(choosePart(process.argv.slice(2)));
  if (wrapped === undefined) {
    await main();
    return true;
  }
  process.exitCode = await wrapped;
  return false;
}

start().then(
  (ranHere) => {
    if (ranHere) progress('done');
  },
  (error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
