import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the served console (`warroom serve`) in the system
 * Chromium: browser downloads are impossible on these machines, so Playwright's
 * own browsers are never used.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: 'test-results',
  // Two cores here: one test process per core, each with its own host and browser.
  workers: process.env.CI ? 2 : undefined,
  // A hang detector, not a measurement: the longest journeys take ~50 s on 2 loaded cores.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
