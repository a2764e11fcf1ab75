import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download a browser here), against
 * the built renderer (`npm run build`) and the real main-process handlers: see
 * test/e2e/harness/. Two workers: the machines have two cores.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e/', // Playwright empties it: keep test-results/pdf and screens/ out of it
  workers: 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
