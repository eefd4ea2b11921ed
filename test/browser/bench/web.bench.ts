/**
 * Measures, for scripts/bench-web.mjs (not a test: it asserts only that it could measure):
 *  - which scripts a fresh browser loads to show the sign-in page;
 *  - how long a full navigation to a case page takes until the case is usable: its header
 *    visible and the list of what she can do now holding an enabled action.
 * Writes the numbers as JSON to ARIADNE_BENCH_OUT.
 */
import { writeFileSync } from 'node:fs';
import { expect, signIn, signInForm, test } from '../support/fixtures';

const CASEWORKER = 'se-ngo-1-cw-1';
const RUNS = Number(process.env.ARIADNE_BENCH_RUNS || 7);

/**
 * Runs in the page each frame: the case header (the main heading) is visible and the section
 * titled "What you can do now" holds an enabled button. Returns ms since navigation start.
 */
function caseInteractive(): number | false {
  interface El {
    readonly textContent: string | null;
    getClientRects(): { length: number };
    closest(sel: string): El | null;
    querySelector(sel: string): El | null;
    querySelectorAll(sel: string): ArrayLike<El>;
  }
  const g = globalThis as unknown as {
    document: El;
    performance: { now(): number };
  };
  const h1 = g.document.querySelector('main h1');
  if (!h1 || !h1.textContent?.trim() || h1.getClientRects().length === 0) return false;
  const headings = Array.from(g.document.querySelectorAll('main h2, main h3'));
  const title = headings.find((h) => /what you can do now/i.test(h.textContent ?? ''));
  const section = title?.closest('section, [role="region"]');
  const action = section?.querySelector('button:not([disabled]):not([aria-disabled="true"])');
  return action && action.getClientRects().length > 0 ? g.performance.now() : false;
}

test('web benchmark', async ({ page, apiAs }) => {
  // 1. The scripts a first visit loads until the sign-in form can be used (cold cache).
  const scripts = new Set<string>();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await expect(signInForm(page).submit).toBeEnabled();
  // Lazy chunks (the catalogue) load after the form shows; give them a moment to settle.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  const signInScripts = [...scripts];

  // 2. A case of hers, opened through the API (setting up, not measured).
  const api = await apiAs(CASEWORKER);
  const opened = await api('POST', '/api/v1/cases', { referralSource: 'helpline' });
  expect(opened.status).toBe(201);
  const caseId = String(opened.body.caseId);
  await signIn(page, CASEWORKER);

  // 3. Full navigations to the case page: the first with what sign-in left in the cache, then
  //    warm. Each starts a fresh document: the session is restored from the refresh cookie.
  const samples: number[] = [];
  let error: string | undefined;
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`/cases/${caseId}`, { waitUntil: 'commit' });
    try {
      const h = await page.waitForFunction(caseInteractive, undefined, {
        polling: 'raf',
        timeout: 30_000,
      });
      samples.push(Number(await h.jsonValue()));
    } catch {
      error = 'the case page did not show its header and an enabled action within 30 s';
      break;
    }
  }
  writeFileSync(
    process.env.ARIADNE_BENCH_OUT || 'bench-web.json',
    JSON.stringify({ signInScripts, caseInteractiveMs: samples, error }, null, 2),
  );
  expect(signInScripts.length).toBeGreaterThan(0);
});
