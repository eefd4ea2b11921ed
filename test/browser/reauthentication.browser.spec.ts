/**
 * Re-authentication before a sensitive action (ASVS 7.5.3), in the browser: a supervisor signed
 * in longer ago than the window (the replica at ARIADNE_BROWSER_REAUTH_URL allows
 * REAUTH_WINDOW_SECONDS) ends a reflection period early; the API answers
 * reauthentication-required, the application asks "Confirm it is you" in a modal dialog (focus
 * in its password field, axe clean), a wrong password is refused in the dialog, her password and
 * then the code of her authenticator app are accepted, and the refused request goes through
 * once more by itself. Her password is stored nowhere in the browser.
 */
import { decodeJwt } from 'jose';
import { freshTotpCode } from '../support/second-factor';
import {
  browserDatabaseUrl,
  DEMO_PASSWORD,
  expect,
  expectAccessible,
  expectNoPersonalDataStored,
  isFocused,
  signIn,
  test,
  TEST_ACCOUNTS,
  type ApiCaller,
} from './support/fixtures';
import { REAUTH_WINDOW_SECONDS } from './support/stack';

function reauthUrl(): string {
  const url = process.env.ARIADNE_BROWSER_REAUTH_URL;
  if (!url) throw new Error('ARIADNE_BROWSER_REAUTH_URL is not set: run with `npm test`');
  return url;
}

async function ok(caller: ApiCaller, method: string, path: string, body?: unknown) {
  const res = await caller(method, path, body);
  expect([method, path, res.status]).toEqual([
    method,
    path,
    method === 'POST' && path === '/api/v1/cases' ? 201 : 200,
  ]);
  return res.body as Record<string, unknown>;
}

test('a supervisor signed in too long ago confirms it is her, then the early end goes through', async ({
  page,
  apiAs,
}) => {
  // Up to three TOTP steps (API set-up, sign-in, re-authentication) may each wait for a fresh code.
  test.setTimeout(240_000);
  const cw = await apiAs(TEST_ACCOUNTS.caseworker);
  const sup = await apiAs(TEST_ACCOUNTS.supervisor);
  const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'helpline' });
  const caseId = String(opened.caseId);
  const reference = String(opened.reference);
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/identification`, {
    outcome: 'reasonable-grounds',
    decidedBy: 'police',
  });
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/reflection/extension`, { totalPeriod: 'P30D' });
  // The supervision page offers the early end on stalled cases (the ZZ policy: after 10 s).
  await expect
    .poll(
      async () => {
        const res = await sup('GET', '/api/v1/supervision/stalled?limit=100');
        return (res.body.items as { caseId: string }[]).some((c) => c.caseId === caseId);
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(true);

  // The auth_time of the token the page sends: when the server last saw her authenticate.
  let authTime: number | undefined;
  page.on('request', (request) => {
    const bearer = /^Bearer (.+)$/.exec(request.headers()['authorization'] ?? '');
    if (bearer) authTime = decodeJwt(bearer[1]!).auth_time as number | undefined;
  });
  await signIn(page, TEST_ACCOUNTS.supervisor, { language: 'en', at: reauthUrl() });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Supervision' })
    .click();
  const endEarly = page.getByRole('button', {
    name: `End the reflection period of case ${reference} early`,
  });
  await expect(page.getByRole('heading', { name: 'Supervision', level: 1 })).toBeVisible();
  await expect(endEarly).toBeVisible({ timeout: 30_000 });
  // Her sign-in must grow older than the window. Nothing on the screen changes meanwhile: the
  // condition is the age of the token's auth_time on the server's clock (this machine's).
  await expect
    .poll(() => (authTime === undefined ? 0 : Date.now() / 1000 - authTime), {
      timeout: (REAUTH_WINDOW_SECONDS + 10) * 1000,
      intervals: [250],
    })
    .toBeGreaterThan(REAUTH_WINDOW_SECONDS + 1);

  await endEarly.click();
  const confirm = page.getByRole('dialog', { name: 'End the reflection period early' });
  await confirm.getByRole('radio', { name: 'Public order' }).check();
  await confirm.getByRole('button', { name: 'End the period now' }).click();

  const reauth = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(reauth).toBeVisible();
  await expect(reauth).toContainText('needs a recent sign-in');
  const password = reauth.getByLabel('Password', { exact: true });
  await expect.poll(() => isFocused(password)).toBe(true);
  await expectAccessible(page, 'reauthentication');
  // Not yet: the action waits for her.
  expect((await ok(sup, 'GET', `/api/v1/cases/${caseId}`)).reflectionEndedAt).toBeNull();

  // A wrong password: said in the dialog, by the keyboard.
  await password.fill('not her password at all');
  await password.press('Enter');
  await expect(reauth.getByRole('alert')).toHaveText('The password or the code is not correct.');
  await expect(password).toHaveValue('');

  await password.fill(DEMO_PASSWORD);
  await password.press('Enter');
  // She has a second factor (supervisors must): the code of her authenticator app next.
  const code = reauth.getByRole('textbox', { name: 'Code from your authenticator app' });
  await expect.poll(async () => (await code.isVisible()) || !(await reauth.isVisible())).toBe(true);
  if (await code.isVisible()) {
    await expect(reauth).toContainText('Now confirm with your second factor');
    await expect.poll(() => isFocused(code)).toBe(true);
    await expectAccessible(page, 'reauthentication-second-factor');
    await code.fill(await freshTotpCode(browserDatabaseUrl(), TEST_ACCOUNTS.supervisor));
    await code.press('Enter');
  }
  await expect(reauth).toBeHidden();

  // The early end went through once, without her clicking again.
  await expect(confirm).toBeHidden();
  await expect
    .poll(async () => (await ok(sup, 'GET', `/api/v1/cases/${caseId}`)).reflectionEndedAt)
    .not.toBeNull();
  const timeline = await ok(sup, 'GET', `/api/v1/cases/${caseId}/timeline`);
  expect(
    (timeline as unknown as { type: string }[]).filter((e) => e.type === 'ReflectionPeriodEnded'),
  ).toHaveLength(1);
  await expectNoPersonalDataStored(page, [DEMO_PASSWORD]);
});
