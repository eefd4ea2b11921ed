/**
 * Accounts (issue 9) in the browser: an admin invites a caseworker by e-mail, she sets her
 * password from the link of the message and signs in; a reset link works once; a deactivated
 * user's session ends at once. The browser harness has no mail server: the links are read from
 * the mail outbox (the row the API wrote for the message), exactly as they would be sent.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  type ApiCaller,
  expect,
  expectAccessible,
  signIn,
  signInForm,
  test,
} from './support/fixtures';

const RUN = randomBytes(3).toString('hex');
const PASSWORD = `blue harbour ${RUN} kettle`;

/** The newest link of this kind sent to the account, from the mail outbox. */
async function linkFor(login: string, kind: 'invitation' | 'password-reset'): Promise<string> {
  const url = process.env.ARIADNE_BROWSER_DATABASE_URL;
  if (!url) throw new Error('ARIADNE_BROWSER_DATABASE_URL is not set: run with `npm test`');
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const res = await db.query<{ link: string }>(
      `SELECT o.params->>'link' AS link FROM outbox_messages o
         JOIN users u ON u.id = o.recipient_user_id
        WHERE u.login = $1 AND o.kind = $2 ORDER BY o.created_at DESC LIMIT 1`,
      [login, kind],
    );
    const link = res.rows[0]?.link;
    if (!link) throw new Error(`no ${kind} in the outbox`);
    return link;
  } finally {
    await db.end();
  }
}

test('an admin invites a caseworker; she sets her password from the link and signs in', async ({
  page,
}) => {
  const login = `invited-${RUN}`;
  const name = `Invited caseworker ${RUN}`;
  await signIn(page, 'se-admin');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Administration' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Demo NGO (SE)' })).toBeVisible();
  await expectAccessible(page, 'admin');

  await page.getByRole('button', { name: 'Invite a user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a user' });
  await dialog.getByRole('textbox', { name: 'Display name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Login' }).fill(login);
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(`${login}@browser.example`);
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption('caseworker');
  await dialog
    .getByRole('combobox', { name: 'Organisation' })
    .selectOption({ label: 'Demo NGO (SE)' });
  await expectAccessible(page, 'admin-invite');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row.getByText('Invited (no password yet)')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInForm(page).submit).toBeVisible();

  const link = await linkFor(login, 'invitation');
  expect(new URL(link).pathname).toBe('/set-password');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Set your password' })).toBeVisible();
  // The token leaves the address bar at once.
  await expect(page).toHaveURL(/\/set-password$/);
  await expect(page.getByText(/at least 12 characters/)).toBeVisible();
  await expectAccessible(page, 'set-password');

  const newPassword = page.getByLabel('New password', { exact: true });
  const repeat = page.getByLabel('Repeat the new password', { exact: true });
  await newPassword.fill('qwerty123456');
  await repeat.fill('qwerty123456');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('alert')).toContainText('breached or common passwords');

  await newPassword.fill(PASSWORD);
  await repeat.fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is set');
  await page.getByRole('link', { name: 'Go to sign-in' }).click();
  await signIn(page, login, PASSWORD);
  await expect(
    page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'My cases' }),
  ).toBeVisible();
});

/** An invited account with PASSWORD set through the API (setup, not the journey). */
async function readyAccount(
  apiAs: (login: string) => Promise<ApiCaller>,
  login: string,
  baseURL: string,
): Promise<string> {
  const admin = await apiAs('se-admin');
  const created = await admin('POST', '/api/v1/admin/users', {
    displayName: `Browser ${login}`,
    login,
    email: `${login}@browser.example`,
    role: 'caseworker',
    organisationId: 'se-ngo-1',
    locale: 'en',
  });
  expect(created.status).toBe(201);
  const token = new URLSearchParams(new URL(await linkFor(login, 'invitation')).hash.slice(1)).get(
    'token',
  );
  const set = await fetch(new URL('/api/v1/auth/password', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, newPassword: PASSWORD }),
  });
  expect(set.status).toBe(204);
  return (created.body as { id: string }).id;
}

test('a reset link from “Forgot password?” works once', async ({ page, apiAs, baseURL }) => {
  const login = `reset-${RUN}`;
  await readyAccount(apiAs, login, baseURL!);
  await page.goto('/');
  await page.getByRole('button', { name: 'Forgot password?' }).click();
  await page.getByRole('textbox', { name: 'Login or e-mail' }).fill(`${login}@browser.example`);
  await page.getByRole('button', { name: 'Send link' }).click();
  await expect(page.getByRole('status')).toContainText('a link is on its way');
  await expectAccessible(page, 'forgot-password');

  const link = await linkFor(login, 'password-reset');
  const again = `${PASSWORD} renewed`;
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(again);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(again);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is set');

  // The same link a second time (from elsewhere: a fragment change alone reloads nothing).
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(`${again} twice`);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(`${again} twice`);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('alert')).toContainText('expired or was used already');

  await signIn(page, login, again);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('a deactivated user’s session ends at once', async ({ page, apiAs, baseURL }) => {
  const login = `leaver-${RUN}`;
  const id = await readyAccount(apiAs, login, baseURL!);
  await signIn(page, login, PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'My cases' })).toBeVisible();

  const admin = await apiAs('se-admin');
  expect((await admin('PATCH', `/api/v1/admin/users/${id}`, { active: false })).status).toBe(200);

  // Her next request is refused, and so is the refresh of her session: she is signed out.
  await nav.getByRole('link', { name: 'My tasks' }).click();
  await expect(signInForm(page).submit).toBeVisible();
  await signInForm(page).login.fill(login);
  await signInForm(page).password.fill(PASSWORD);
  await signInForm(page).submit.click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(signInForm(page).submit).toBeVisible();
});
