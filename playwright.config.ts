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
  // In CI, one more try for a test that fails: a failure that does not come back is reported as
  // « flaky » by name, not hidden. The JSON report feeds scripts/e2e-summary.mjs, which .ci/run
  // prints last so that the failures' messages are at the end of a long log.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['line'], ['json', { outputFile: 'test-results/e2e-report.json' }]] : 'list',
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
