/**
 * Settings › Notifications in the browser: reached from the shell's header, her e-mail choices
 * saved (escalations offer no "No e-mail", R20), and her calendar feed created (the URL shown
 * once, copyable), then revoked. Accessible (axe) and nothing of hers stored in the browser.
 */
import {
  expect,
  expectAccessible,
  expectNoPersonalDataStored,
  signIn,
  test,
} from './support/fixtures';

test('a caseworker sets her e-mail preferences and manages her calendar feed', async ({ page }) => {
  await signIn(page, 'se-ngo-1-cw-2');
  await page.getByRole('link', { name: 'Notifications' }).click();
  await expect(
    page.getByRole('heading', { name: 'Notification settings', level: 1 }),
  ).toBeVisible();

  const reminders = page.getByRole('radiogroup', { name: 'Reminders before a deadline' });
  await reminders.getByRole('radio', { name: 'In the daily digest' }).check();
  const escalations = page.getByRole('radiogroup', { name: 'Escalations of overdue deadlines' });
  await expect(escalations.getByRole('radio')).toHaveCount(2);
  await page.getByLabel('Daily digest at').selectOption('8');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // Read back from the server after a reload.
  await page.reload();
  await expect(
    page
      .getByRole('radiogroup', { name: 'Reminders before a deadline' })
      .getByRole('radio', { name: 'In the daily digest' }),
  ).toBeChecked();
  await expect(page.getByLabel('Daily digest at')).toHaveValue('8');

  await page.getByRole('button', { name: 'Create a feed address' }).click();
  const url = page.getByRole('textbox', { name: 'Feed address (shown only now)' });
  await expect(url).toHaveValue(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  const secret = await url.inputValue();
  // Relative: the stack's public URL may name another port than the one under test.
  const feed = await page.request.get(new URL(secret).pathname);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  await expectAccessible(page, 'notification-settings');
  // The feed's secret URL stays out of every browser storage.
  await expectNoPersonalDataStored(page, [secret, new URL(secret).pathname.slice(-47, -4)]);

  await page.getByRole('button', { name: 'Revoke the feed' }).click();
  await expect(page.getByText('You have no calendar feed.')).toBeVisible();
  await expect(url).toHaveCount(0);
});
