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
import { gotoUnlocked, passLock, SCRIPT_PASSCODE } from '../support/lock';

const RUNS = 12;
const WARM_UP = 2;
const BUDGET_MS = 500;
const READY_MARK = 'hearth:today-ready';
const LOCK_MARK = 'hearth:lock-ready';

/** Milliseconds from navigation start until the app's User Timing mark. */
async function timeToMark(page: Page, mark: string): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 60_000 });
  return page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN, mark);
}

/**
 * Each reload starts locked: the time until the lock screen takes a passcode (the first interactive screen),
 * then the time from pressing Unlock (one Argon2id run in the worker, the stores, Today's data) to Today.
 */
async function measure(page: Page, url: string): Promise<{ lock: number[]; unlock: number[] }> {
  const lock: number[] = [];
  const unlock: number[] = [];
  await page.goto(url);
  await passLock(page);
  for (let run = 0; run < RUNS + WARM_UP; run++) {
    // A full reload each time (going to the same URL with only a new hash would not reload the app).
    await page.reload();
    const lockMs = await timeToMark(page, LOCK_MARK);
    await page.getByLabel('Passcode', { exact: true }).fill(SCRIPT_PASSCODE);
    const pressedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const todayMs = await timeToMark(page, READY_MARK);
    if (run >= WARM_UP) {
      lock.push(lockMs);
      unlock.push(todayMs - pressedAt);
    }
  }
  return { lock, unlock };
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
      await gotoUnlocked(page, `${web.origin}#/settings`);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import JSON backup' }).click();
      await (await chooser).setFiles(backup);
      await page.getByText(/Added 10,000 check-ins/).first().waitFor({ timeout: 120_000 });
      env.progress('shell: 10,000 check-ins');
      const full = await measure(page, url);

      const figures = {
        ...p50p95('firstInteractiveEmpty', empty.lock),
        ...p50p95('firstInteractive10k', full.lock),
        ...p50p95('unlockToTodayEmpty', empty.unlock),
        ...p50p95('unlockToToday10k', full.unlock),
      };
      return {
        shell: figures,
        budgets: { firstInteractiveP95Ms: BUDGET_MS },
        withinBudget: {
          firstInteractiveEmptyP95Ms: (figures.firstInteractiveEmptyP95Ms ?? Infinity) <= BUDGET_MS,
          firstInteractive10kP95Ms: (figures.firstInteractive10kP95Ms ?? Infinity) <= BUDGET_MS,
        },
        notes: {
          shell: `Built web preview (out/web) served from loopback with caching off; every reload starts locked: first interactive is navigation start to the lock screen taking a passcode (User Timing mark '${LOCK_MARK}'); unlockToToday is pressing Unlock (one Argon2id run, 64 MiB, in a worker) to Today showing its data ('${READY_MARK}'); ${String(RUNS)} reloads after ${String(WARM_UP)} warm-ups. No raw-library baseline: this is the whole app's start-up.`,
        },
      };
    } finally {
      await context.close();
      await web.close();
      await rm(profile, { recursive: true, force: true });
    }
  },
};
