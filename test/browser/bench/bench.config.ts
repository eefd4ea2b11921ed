import { defineConfig } from '@playwright/test';
import base from '../../../playwright.config';

/** The web benchmark (npm run bench:web): the browser tests' harness, a measuring "test". */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  globalSetup: '../support/global-setup.ts',
  outputDir: '../../../.ci/out/playwright-bench',
  reporter: [['list']],
  timeout: 600_000,
});
