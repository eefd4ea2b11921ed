import { mkdirSync, rmSync } from 'node:fs';
import { buildAll, SCREENSHOT_DIR, startBrowserStack } from './stack';

/**
 * Once per Playwright run: build, start the real stack on free ports, and hand its address to
 * the test workers through the environment (they are started after this returns). The returned
 * function is Playwright's teardown: it runs after the last test, failed or not.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  buildAll();
  const stack = await startBrowserStack();
  process.env.ARIADNE_BROWSER_BASE_URL = stack.baseUrl;
  // The replica with a short window for sensitive actions (reauthentication journeys only).
  process.env.ARIADNE_BROWSER_REAUTH_URL = stack.reauthBaseUrl;
  // For journeys that read what the stack wrote (the mail outbox: links of invitations).
  process.env.ARIADNE_BROWSER_DATABASE_URL = stack.databaseUrl;
  return () => stack.stop();
}
