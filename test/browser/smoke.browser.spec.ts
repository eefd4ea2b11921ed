/**
 * The first minutes of a caseworker's day in the browser: the sign-in page (accessible, by
 * keyboard too), signing in, a wrong password, and a reload that keeps her signed in through the
 * httpOnly refresh cookie alone (the access token lives in memory only: nothing in storage).
 */
import type { Page, Response } from '@playwright/test';
import {
  DEMO_PASSWORD,
  expect,
  expectAccessible,
  expectNoPersonalDataStored,
  expectVisibleFocus,
  isFocused,
  signIn,
  signInForm,
  test,
} from './support/fixtures';

const CASEWORKER = 'se-ngo-1-cw-1';

function myCases(page: Page) {
  return page.getByRole('heading', { name: 'My cases', level: 1 });
}

/** The JSON of the next successful auth answer carrying an access token (login or refresh). */
function nextAccessToken(page: Page): Promise<string> {
  return page
    .waitForResponse(
      (r: Response) =>
        r.request().method() === 'POST' && /\/api\/v1\/auth\//.test(r.url()) && r.ok(),
    )
    .then(async (r) => String((await r.json()).accessToken));
}

test('the sign-in page is accessible', async ({ page }) => {
  await page.goto('/');
  const form = signInForm(page);
  await expect(form.login).toBeVisible();
  await expect(form.password).toBeVisible();
  await expect(form.submit).toBeEnabled();
  await expect(page.getByRole('main')).toBeVisible();
  await expectAccessible(page, 'sign-in');
});

test('a caseworker signs in and sees her cases', async ({ page }) => {
  await signIn(page, CASEWORKER);
  await expect(myCases(page)).toBeVisible();
  // Her password and login are nowhere in the address.
  expect(page.url()).not.toContain(DEMO_PASSWORD);
  expect(page.url()).not.toContain(CASEWORKER);
  await expectAccessible(page, 'my-cases');
});

test('a wrong password shows an error without echoing what was typed', async ({ page }) => {
  await page.goto('/');
  const form = signInForm(page);
  const wrong = 'not-the-password-Zq81';
  await form.login.fill(CASEWORKER);
  await form.password.fill(wrong);
  await form.submit.click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).not.toBeEmpty();
  await expect(alert).not.toContainText(wrong);
  await expect(alert).not.toContainText(CASEWORKER);
  // Still on the sign-in page, and the typed password is in no text, field or address.
  await expect(form.submit).toBeVisible();
  await expect(page.locator('body')).not.toContainText(wrong);
  await expect(form.password).not.toHaveValue(wrong);
  expect(page.url()).not.toContain(wrong);
  await expectAccessible(page, 'sign-in-error');
});

test('sign-in works by keyboard alone, with a visible focus', async ({ page }) => {
  await page.goto('/');
  const form = signInForm(page);
  await expect(form.login).toBeVisible();
  // Tab from the top of the page until the login field has focus, as a keyboard user would.
  for (let i = 0; i < 10 && !(await isFocused(form.login)); i++) {
    await page.keyboard.press('Tab');
  }
  await expectVisibleFocus(form.login);
  await page.keyboard.type(CASEWORKER);
  await page.keyboard.press('Tab');
  await expectVisibleFocus(form.password);
  await page.keyboard.type(DEMO_PASSWORD);
  // The submit button is reachable and visibly focused too; Enter in the form submits it.
  await page.keyboard.press('Tab');
  if (!(await isFocused(form.submit))) {
    // A control inside the password field (show/hide) may come first.
    await page.keyboard.press('Tab');
  }
  await expectVisibleFocus(form.submit);
  await page.keyboard.press('Enter');
  await expect(myCases(page)).toBeVisible();
});

test('a reload keeps her signed in through the refresh cookie only', async ({ page, context }) => {
  const loginToken = nextAccessToken(page);
  await signIn(page, CASEWORKER);
  await expect(myCases(page)).toBeVisible();
  const firstToken = await loginToken;

  // The refresh token is an httpOnly cookie: JavaScript cannot read it.
  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  for (const c of cookies) {
    expect({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite }).toEqual({
      name: c.name,
      httpOnly: true,
      sameSite: 'Strict',
    });
  }

  const refreshed = nextAccessToken(page);
  await page.reload();
  await expect(myCases(page)).toBeVisible();
  const secondToken = await refreshed;
  // Neither access token, nor her password, was left in storage, the cache or on disk.
  await expectNoPersonalDataStored(page, [firstToken, secondToken, DEMO_PASSWORD]);

  // Without the cookie, a reload is a signed-out browser: the token was in memory only.
  await context.clearCookies();
  await page.reload();
  await expect(signInForm(page).submit).toBeVisible();
  await expect(myCases(page)).toBeHidden();
});
