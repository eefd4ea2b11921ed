import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, never a browser downloaded by Playwright: `apt-get install chromium`
 * (scripts/test.sh and .ci/run install it when missing). ARIADNE_CHROMIUM points elsewhere.
 */
export const CHROMIUM_PATH = process.env.ARIADNE_CHROMIUM || '/usr/bin/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Chromium's sandbox refuses to run as root (CI runs as root); an unprivileged user keeps it.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  };
}
