// Multi-peer circles transport tests: separate Chromium launches as devices, a relay on 127.0.0.1.
// Meant to run inside the loopback-only namespace: tests/support/netns.sh npx playwright test --config <this file>.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  // Not *.spec.ts: the main e2e config (tests/e2e, testMatch **/*.spec.ts) must not pick these up without this setup.
  testMatch: '**/*.peers.ts',
  globalSetup: './globalSetup.ts',
  // Each test drives up to three browsers on a small machine: one at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  globalTimeout: 480_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: '../../../test-results/circles',
});
