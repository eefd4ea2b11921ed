/**
 * What every browser journey imports instead of '@playwright/test':
 *   import { test, expect, signIn, expectAccessible, expectNoPersonalDataStored } from './support/fixtures';
 * Each test gets a fresh Chromium profile of its own (a persistent context in a temporary
 * folder), so that what the browser writes to disk — the HTTP cache above all — can be searched.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  type BrowserContext,
  chromium,
  test as base,
  expect,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { DEMO_PASSWORD, SCREENSHOT_DIR, stackFromEnv } from './stack';
import { describeFindings, scanBrowser, scanProfile } from './storage-scan';
import { freshTotpCode, loginWithSecondFactor } from '../../support/second-factor';

export { expect };
export { DEMO_PASSWORD, TEST_ACCOUNTS, TEST_ORG, TEST_POLICY_DURATIONS } from './stack';

export interface ApiResult {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads JSON freely
  readonly body: any;
}
/** Calls the API of the test stack as one signed-in user (for setting up, never for the journey itself). */
export type ApiCaller = (method: string, path: string, body?: unknown) => Promise<ApiResult>;

interface Fixtures {
  /** The Chromium profile folder of this test (removed after it). */
  profileDir: string;
  /** A bearer-token API caller for a seeded account; e.g. `await apiAs('se-ngo-1-sup')`. */
  apiAs: (login: string) => Promise<ApiCaller>;
}

/** Values given to expectNoPersonalDataStored, searched again on disk once the browser closed. */
const profiles = new WeakMap<BrowserContext, string>();
const lookedFor = new WeakMap<BrowserContext, { profileDir: string; values: string[] }>();

export const test = base.extend<Fixtures>({
  // Playwright reads fixture dependencies from the destructuring pattern: `{}` means none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(stackFromEnv().baseUrl);
  },
  // eslint-disable-next-line no-empty-pattern
  profileDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-chromium-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ profileDir, baseURL, locale }, use, testInfo) => {
    const context = await chromium.launchPersistentContext(profileDir, {
      ...chromiumLaunchOptions(),
      baseURL,
      locale,
      viewport: { width: 1280, height: 900 },
    });
    profiles.set(context, profileDir);
    await context.tracing.start({ screenshots: true, snapshots: true });
    await use(context);
    const failed = testInfo.status !== testInfo.expectedStatus;
    if (failed) {
      const trace = testInfo.outputPath('trace.zip');
      await context.tracing.stop({ path: trace });
      await testInfo.attach('trace', { path: trace, contentType: 'application/zip' });
      for (const [i, p] of context.pages().entries()) {
        const file = join(
          SCREENSHOT_DIR,
          `failed-${fileName(testInfo.titlePath.join(' '))}-${i}.png`,
        );
        await p.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      }
    } else {
      await context.tracing.stop();
    }
    const scan = lookedFor.get(context);
    // Closing flushes the HTTP cache and storage to disk: look once more at what stayed there.
    await context.close();
    if (scan && !failed) {
      const findings = scanProfile(scan.profileDir, scan.values);
      expect(findings, describeFindings(findings, scan.values.length)).toEqual([]);
    }
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  apiAs: async ({ baseURL }, use) => {
    const tokens = new Map<string, string>();
    await use(async (login) => {
      let token = tokens.get(login);
      if (!token) {
        const res = await loginWithSecondFactor(
          baseURL!,
          login,
          DEMO_PASSWORD,
          browserDatabaseUrl(),
        );
        if (res.status !== 200) throw new Error(`API login of ${login} failed: ${res.status}`);
        token = String(res.body.accessToken);
        tokens.set(login, token);
      }
      const bearer = token;
      return (method, path, body) => call(baseURL!, bearer, method, path, body);
    });
  },
});

async function call(
  baseUrl: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function fileName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
}

/** The sign-in form's controls, by their accessible names (English, the default language). */
export function signInForm(page: Page): { login: Locator; password: Locator; submit: Locator } {
  return {
    // By role and accessible name: a label's visible text may carry a required-field mark.
    login: page.getByRole('textbox', { name: 'Login', exact: true }),
    password: page.getByRole('textbox', { name: 'Password', exact: true }),
    submit: page.getByRole('button', { name: 'Sign in' }),
  };
}

/** How a journey signs in: another password, a language chosen on the sign-in page, another origin. */
export interface SignInOptions {
  readonly password?: string;
  /** Chosen in the sign-in page's language picker first (Swedish accounts default to Swedish). */
  readonly language?: string;
  /** Another API of the stack (e.g. the short re-authentication window's replica). */
  readonly at?: string;
}

/**
 * Signs in through the sign-in page as a seeded account (every account has DEMO_PASSWORD), proves
 * the second factor when asked (supervisors, admins, auditors: the demo TOTP secret), and waits
 * until she is signed in. Starts from `/`, which shows the sign-in page when signed out.
 */
export async function signIn(
  page: Page,
  login: string,
  passwordOrOptions: string | SignInOptions = {},
): Promise<void> {
  const o =
    typeof passwordOrOptions === 'string' ? { password: passwordOrOptions } : passwordOrOptions;
  await page.goto(`${o.at ?? ''}/`);
  if (o.language) {
    await page
      .getByRole('combobox', { name: /^(Language|Språk|Sprog|Keel|Kieli|Tungumál|Valoda|Kalba)$/ })
      .selectOption(o.language);
  }
  const form = signInForm(page);
  await form.login.fill(login);
  await form.password.fill(o.password ?? DEMO_PASSWORD);
  await form.submit.click();
  await expect(form.submit).toBeHidden();
  const code = page.getByRole('textbox', { name: 'Code from your authenticator app' });
  const signedIn = page.getByRole('button', { name: 'Sign out' });
  await expect(code.or(signedIn).first()).toBeVisible();
  if (await code.isVisible()) {
    await code.fill(await freshTotpCode(browserDatabaseUrl(), login));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await expect(signedIn).toBeVisible();
}

/** The browser stack's database (global setup exports it). */
export function browserDatabaseUrl(): string {
  const url = process.env.ARIADNE_BROWSER_DATABASE_URL;
  if (!url) throw new Error('ARIADNE_BROWSER_DATABASE_URL is not set: run with `npm test`');
  return url;
}

/** Saves a full-page screenshot as .ci/out/screenshots/<name>.png and attaches it to the test. */
export async function saveScreenshot(page: Page, name: string, testInfo?: TestInfo): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${fileName(name)}.png`);
  // The shell's header and navigation are fixed: in a full-page picture of a scrolled page
  // they would be drawn across the middle, so they are pinned to the top for the picture only.
  await page.screenshot({
    path,
    fullPage: true,
    style:
      '.mantine-AppShell-header { position: absolute !important; top: 0 !important; } ' +
      '.mantine-AppShell-navbar { position: absolute !important; }',
  });
  await (testInfo ?? test.info()).attach(name, { path, contentType: 'image/png' });
}

/** The WCAG 2.x A and AA rules the issue asks for (2.0, 2.1, 2.2). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Call on every screen a journey visits, once it shows what it is for: runs axe-core (zero
 * serious or critical violations) and saves the screen's screenshot under `screenName`.
 */
export async function expectAccessible(page: Page, screenName: string): Promise<void> {
  // Let pending requests settle so that axe and the screenshot see the finished screen.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await saveScreenshot(page, screenName);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    // Selectors, rule ids and help text only: never the nodes' HTML, which may hold her data.
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        // Colours and ratio make a contrast finding actionable, and they hold no data.
        const c = v.id === 'color-contrast' ? n.any[0]?.data : undefined;
        const detail = c ? ` (${c.fgColor} on ${c.bgColor}: ${c.contrastRatio}:1)` : '';
        return `${n.target.join(' ')}${detail}`;
      });
      return `${v.impact} ${v.id}: ${v.help} — ${nodes.join(', ')}`;
    });
  expect(bad, `axe on screen "${screenName}"`).toEqual([]);
}

/**
 * After a journey: none of `values` (seeded personal data, tokens) is in the page's
 * localStorage, sessionStorage, IndexedDB (every database and store), Cache Storage,
 * cookies (httpOnly included) or the profile's HTTP disk cache and storage files. The disk is
 * searched again when the test ends, after the browser has flushed it.
 */
export async function expectNoPersonalDataStored(
  page: Page,
  values: readonly string[],
): Promise<void> {
  const context = page.context();
  const profileDir = profileDirOf(context);
  const findings = await scanBrowser(page, context, profileDir, values);
  expect(findings, describeFindings(findings, values.length)).toEqual([]);
  const prev = lookedFor.get(context)?.values ?? [];
  lookedFor.set(context, { profileDir, values: [...prev, ...values] });
}

function profileDirOf(context: BrowserContext): string {
  const dir = profiles.get(context);
  if (!dir) throw new Error('this page does not come from the fixtures of test/browser/support');
  return dir;
}

/** Whether the element has focus now (for a loop that tabs until it does). */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) =>
    (el as unknown as { matches(s: string): boolean }).matches(':focus'),
  );
}

/**
 * The element has keyboard focus and the focus is visible (WCAG 2.4.7): its rendering, with a
 * margin for outlines and rings, differs from the same element unfocused. The caret is hidden
 * in both screenshots, so a blinking caret alone does not count.
 */
export async function expectVisibleFocus(locator: Locator): Promise<void> {
  await expect(locator).toBeFocused();
  const page = locator.page();
  const box = await locator.boundingBox();
  if (!box) throw new Error('the focused element is not visible');
  const m = 8;
  const clip = {
    x: Math.max(0, box.x - m),
    y: Math.max(0, box.y - m),
    width: box.width + 2 * m,
    height: box.height + 2 * m,
  };
  // Transitions of the focus style finish before the picture is taken.
  await page.waitForTimeout(300);
  const focused = await page.screenshot({ clip, caret: 'hide', animations: 'disabled' });
  await locator.evaluate((el) => (el as unknown as { blur(): void }).blur());
  await page.waitForTimeout(300);
  const blurred = await page.screenshot({ clip, caret: 'hide', animations: 'disabled' });
  await locator.focus();
  expect(focused.equals(blurred), 'focus is not visible: focused and unfocused look the same').toBe(
    false,
  );
}
