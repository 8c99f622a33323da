// The app-shell part of `npm run bench`: how soon the built web preview is usable (DESIGN.md: renderer
// first interactive ≤ 500 ms), for a new person and for a journal of 10,000 check-ins.
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generateJournal } from '../support/fixtures';
import { toJsonExport } from '../../shared/journal/exchange';
import { REPO_ROOT, serveFolder, type BenchEnv, type BenchPart } from './harness';
import { p50p95 } from './stats';

const RUNS = 12;
const WARM_UP = 2;
const BUDGET_MS = 500;
const READY_MARK = 'hearth:today-ready';

/** Milliseconds from navigation start until Today has its data on screen (the app's User Timing mark). */
async function timeToInteractive(page: Page): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, { timeout: 30_000 });
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN, READY_MARK);
}

async function measure(page: Page, url: string): Promise<number[]> {
  const samples: number[] = [];
  await page.goto(url);
  for (let run = 0; run < RUNS + WARM_UP; run++) {
    // A full reload each time (going to the same URL with only a new hash would not reload the app).
    await page.reload();
    const ms = await timeToInteractive(page);
    if (run >= WARM_UP) samples.push(ms);
  }
  return samples;
}

export const shellPart: BenchPart = {
  name: 'shell',
  async run(env: BenchEnv) {
    const web = await serveFolder(resolve(REPO_ROOT, 'out/web'));
    const profile = await mkdtemp(join(tmpdir(), 'hearth-bench-shell-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: env.chromiumPath, args: [...env.chromiumArgs], viewport: { width: 1280, height: 860 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const url = `${web.origin}#/today`;
      env.progress('shell: empty journal');
      const empty = await measure(page, url);

      env.progress('shell: importing 10,000 check-ins');
      const backup = join(profile, 'backup.json');
      await writeFile(backup, toJsonExport(generateJournal(10_000, { seed: 9, endDay: '2026-06-30', zone: 'UTC' }), { activities: [], customEmotions: [] }, new Date()));
      await page.goto(`${web.origin}#/settings`);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import JSON backup' }).click();
      await (await chooser).setFiles(backup);
      await page.getByText(/Added 10,000 check-ins/).first().waitFor({ timeout: 120_000 });
      env.progress('shell: 10,000 check-ins');
      const full = await measure(page, url);

      const figures = { ...p50p95('firstInteractiveEmpty', empty), ...p50p95('firstInteractive10k', full) };
      return {
        shell: figures,
        budgets: { firstInteractiveP95Ms: BUDGET_MS },
        withinBudget: {
          firstInteractiveEmptyP95Ms: (figures.firstInteractiveEmptyP95Ms ?? Infinity) <= BUDGET_MS,
          firstInteractive10kP95Ms: (figures.firstInteractive10kP95Ms ?? Infinity) <= BUDGET_MS,
        },
        notes: {
          shell: `Built web preview (out/web) served from loopback with caching off; time from navigation start to Today showing its data (User Timing mark '${READY_MARK}'), ${String(RUNS)} reloads after ${String(WARM_UP)} warm-ups. No raw-library baseline: this is the whole app's start-up.`,
        },
      };
    } finally {
      await context.close();
      await web.close();
      await rm(profile, { recursive: true, force: true });
    }
  },
};
