/**
 * R18 in the browser: a referral a Swedish caseworker sent to a Romanian organisation (set up
 * through the API) is found by a Romanian caseworker under "Referrals received", opened (the
 * data she consented to share, and only that) and accepted by keyboard after a confirmation; a
 * linked case opens in Romania, and the sending case's readiness shows the acceptance. Axe on
 * each screen; nothing of her data stays in the browser.
 */
import {
  expect,
  expectAccessible,
  expectNoPersonalDataStored,
  expectVisibleFocus,
  isFocused,
  signIn,
  test,
  type ApiCaller,
} from './support/fixtures';

const HER = { language: 'ro', interpreterUsed: true };
const NAME = 'Ilinca-Browser';
const HEALTH = 'needs-insulin-daily';

async function ok(caller: ApiCaller, method: string, path: string, body?: unknown) {
  const res = await caller(method, path, body);
  expect([method, path, res.status]).toEqual([
    method,
    path,
    method === 'POST' && path === '/api/v1/cases' ? 201 : 200,
  ]);
  return res.body as Record<string, unknown>;
}

test('a receiving organisation opens a referral and accepts it, by keyboard', async ({
  page,
  apiAs,
}) => {
  const se = await apiAs('se-ngo-1-cw-1');
  const opened = await ok(se, 'POST', '/api/v1/cases', { referralSource: 'police' });
  const caseId = String(opened.caseId);
  const reference = String(opened.reference);
  await ok(se, 'POST', `/api/v1/cases/${caseId}/pathway`, {
    pathway: 'return',
    communication: HER,
  });
  await ok(se, 'POST', `/api/v1/cases/${caseId}/consents`, {
    scope: {
      kind: 'data-sharing',
      recipientOrganisationId: 'ro-recv-1',
      purpose: 'return-reception',
      categories: ['identity', 'health'],
    },
    communication: HER,
  });
  await ok(se, 'POST', `/api/v1/cases/${caseId}/referrals`, {
    recipientOrganisationId: 'ro-recv-1',
    recipientCountry: 'RO',
    purpose: 'return-reception',
    categories: ['identity', 'health'],
    personal: { identity: { givenName: NAME }, health: { notes: HEALTH } },
  });

  await signIn(page, 'ro-recv-1-cw-1');
  await page.getByRole('link', { name: 'Referrals received' }).click();
  await expect(page.getByRole('heading', { name: 'Referrals received', level: 1 })).toBeVisible();
  const link = page.getByRole('link', { name: reference });
  await expect(link).toBeVisible();
  // The list carries no personal data.
  await expect(page.getByText(NAME)).toHaveCount(0);
  await expectAccessible(page, 'referrals-received');

  // By keyboard: from the element before it, Tab reaches the referral's link.
  await link.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await isFocused(link)).toBe(true);
  await expectVisibleFocus(link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Referral received', level: 1 })).toBeVisible();
  await expect(page.getByText(NAME)).toBeVisible();
  await expect(page.getByText(HEALTH)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Awaiting your answer' })).toBeVisible();
  await expectAccessible(page, 'referral-received');

  const accept = page.getByRole('button', { name: 'Accept', exact: true });
  await accept.focus();
  expect(await isFocused(accept)).toBe(true);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Accept this referral?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('only the data she consented to share');
  await expectAccessible(page, 'referral-received-accept');
  await dialog.getByRole('button', { name: 'Accept', exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('The referral is accepted.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Accepted' })).toBeVisible();
  const linked = page.getByRole('link', { name: /^RO-/ });
  await expect(linked).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accept', exact: true })).toHaveCount(0);

  // The linked case is hers to open; the sending case's checklist shows the acceptance.
  await linked.click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const readiness = await ok(se, 'GET', `/api/v1/cases/${caseId}/readiness`);
  const items = readiness.items as Array<{ item: string; met: boolean }>;
  expect(items.find((i) => i.item === 'receiving-organisation')?.met).toBe(true);

  await expectNoPersonalDataStored(page, [NAME, HEALTH]);
});
