// End-to-end tests drive the built renderer (the browser preview) in Debian's Chromium.
// HEARTH_CHROMIUM overrides the browser path.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

const port = Number(process.env.HEARTH_E2E_PORT ?? 4319);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Multi-peer circle tests run in their own config, inside a loopback-only network namespace.
  testIgnore: ['circles/**'],
  // Each test sets up (or unlocks) a vault first: one Argon2id run of 64 MiB, seconds on a busy machine.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${String(port)}`,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --config renderer/vite.config.ts --outDir ../out/web --port ${String(port)} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${String(port)}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
