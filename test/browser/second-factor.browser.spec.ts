/**
 * The second factor in the browser (issue 9, ASVS 5.0 ch. 6): an admin creates an organisation
 * that requires a second step and invites a caseworker by e-mail; she sets her password from the
 * link, must set up an authenticator app at her first sign-in (the key read as text, the code
 * computed as her app would), sees her recovery codes once, signs out, and signs in again with
 * her password and a code. The invitation link is read from the mail outbox, as in
 * accounts.browser.spec.ts.
 */
import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { Client } from 'pg';
import { freshTotpCode } from '../support/second-factor';
import {
  browserDatabaseUrl,
  expect,
  expectAccessible,
  signIn,
  signInForm,
  test,
} from './support/fixtures';

const RUN = randomBytes(3).toString('hex');
const PASSWORD = `green lantern ${RUN} harbour`;

async function invitationLink(login: string): Promise<string> {
  const db = new Client({ connectionString: browserDatabaseUrl() });
  await db.connect();
  try {
    const res = await db.query<{ link: string }>(
      `SELECT o.params->>'link' AS link FROM outbox_messages o
         JOIN users u ON u.id = o.recipient_user_id
        WHERE u.login = $1 AND o.kind = 'invitation' ORDER BY o.created_at DESC LIMIT 1`,
      [login],
    );
    const link = res.rows[0]?.link;
    if (!link) throw new Error('no invitation in the outbox');
    return link;
  } finally {
    await db.end();
  }
}

test('an invited caseworker of an organisation that requires it sets up TOTP, then signs in with a code', async ({
  page,
}) => {
  const orgName = `Strict NGO ${RUN}`;
  const login = `strict-${RUN}`;
  await signIn(page, 'se-admin');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Administration' })
    .click();
  await page.getByRole('button', { name: 'New organisation' }).click();
  const orgDialog = page.getByRole('dialog', { name: 'New organisation' });
  await orgDialog.getByRole('textbox', { name: 'Name' }).fill(orgName);
  await orgDialog.getByRole('checkbox', { name: 'Second step at sign-in for everyone' }).check();
  await orgDialog.getByRole('button', { name: 'Save' }).click();
  await expect(orgDialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(orgName) })).toContainText('Everyone');

  await page.getByRole('button', { name: 'Invite a user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a user' });
  await dialog.getByRole('textbox', { name: 'Display name' }).fill(`Strict caseworker ${RUN}`);
  await dialog.getByRole('textbox', { name: 'Login' }).fill(login);
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(`${login}@browser.example`);
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption('caseworker');
  await dialog.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: orgName });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInForm(page).submit).toBeVisible();

  await page.goto(await invitationLink(login));
  await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is set');
  await page.getByRole('link', { name: 'Go to sign-in' }).click();

  // First sign-in: the password, then she must set up a second step before anything else.
  const form = signInForm(page);
  await form.login.fill(login);
  await form.password.fill(PASSWORD);
  await form.submit.click();
  await expect(page.getByRole('heading', { name: 'Set up a second step' })).toBeVisible();
  await expectAccessible(page, 'second-factor-enrolment');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(
    page.getByRole('img', { name: /QR code to set up the authenticator app/ }),
  ).toBeVisible();
  // The key is shown as text too, for typing into the app by hand.
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page, 'second-factor-totp-setup');
  const code = page.getByRole('textbox', { name: 'Code from your authenticator app' });
  await code.fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('That did not work');
  await code.fill(await generate({ secret }));
  // By keyboard: Enter submits.
  await code.press('Enter');

  // Her recovery codes, once.
  await expect(page.getByRole('heading', { name: 'Recovery codes' })).toBeVisible();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expectAccessible(page, 'second-factor-recovery-codes');
  await page.getByRole('button', { name: 'I have saved them – continue' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'My cases' }),
  ).toBeVisible();

  // Her sign-in security: the app is on; it is required, so it cannot be turned off.
  await page.getByRole('link', { name: 'Sign-in security' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in security' })).toBeVisible();
  await expect(page.getByText('10 recovery codes left')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn off the authenticator app' })).toHaveCount(0);
  // The pointer leaves the header link it clicked (its hover colours are the theme's).
  await page.mouse.move(0, 400);
  await expectAccessible(page, 'second-factor-security');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await form.login.fill(login);
  await form.password.fill(PASSWORD);
  await form.submit.click();
  await expect(page.getByRole('heading', { name: 'Second step' })).toBeVisible();
  await expectAccessible(page, 'second-factor-sign-in');
  await code.fill(await freshTotpCode(browserDatabaseUrl(), login, secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'My cases' }),
  ).toBeVisible();
});
