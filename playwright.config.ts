import { defineConfig, type ReporterDescription } from '@playwright/test';
import { chromiumLaunchOptions } from './test/browser/support/chromium';

// CI (.ci/run) asks for a JSON report to add Playwright's counts to its summary line.
const jsonReport = process.env.ARIADNE_PLAYWRIGHT_JSON;
const reporter: ReporterDescription[] = [['list']];
if (jsonReport) reporter.push(['json', { outputFile: jsonReport }]);

/**
 * Browser tests (`*.browser.spec.ts`, run by `npm test` after Jest): the real stack started once
 * by the global setup, Debian's Chromium, one worker (the machine is small and the stack shared).
 * See test/browser/README.md for the fixtures every journey uses.
 */
export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.browser.spec.ts',
  globalSetup: './test/browser/support/global-setup.ts',
  outputDir: '.ci/out/playwright',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  // A test that passes only on retry is a failing test here: no retries hide it.
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter,
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    locale: 'en-GB',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
});
