/**
 * The oversight screens in the browser: a supervisor finds a stalled case (ZZ test policy: a
 * case stalls 10 s after its last progress), reassigns it and ends its reflection period early
 * with a reason; a caseworker of another organisation cannot reach that case by its URL; a
 * coordinator reads the readiness board and a statistics chart (suppressed cells never shown as
 * numbers) and downloads its CSV; an auditor verifies the audit chain. Data a journey does not
 * itself create is set up through the API; the journeys under test use only the screens.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  expect,
  expectAccessible,
  expectVisibleFocus,
  isFocused,
  signIn,
  test,
  TEST_ACCOUNTS,
  type ApiCaller,
} from './support/fixtures';

const HER = { language: 'ro', interpreterUsed: true };

async function ok(
  caller: ApiCaller,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await caller(method, path, body);
  expect([method, path, res.status]).toEqual([
    method,
    path,
    method === 'POST' && path === '/api/v1/cases' ? 201 : 200,
  ]);
  return res.body as Record<string, unknown>;
}

/** A ZZ case in its reflection period (extended to 30 days so it outlasts the test). */
async function caseInReflection(cw: ApiCaller): Promise<{ caseId: string; reference: string }> {
  const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'helpline' });
  const caseId = String(opened.caseId);
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/identification`, {
    outcome: 'reasonable-grounds',
    decidedBy: 'police',
  });
  const extended = await ok(cw, 'POST', `/api/v1/cases/${caseId}/reflection/extension`, {
    totalPeriod: 'P30D',
  });
  expect(extended.phase).toBe('reflection');
  return { caseId, reference: String(opened.reference) };
}

/** Waits (by the API) until the ZZ policy's stall timer has flagged the case. */
async function untilStalled(sup: ApiCaller, caseId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const res = await sup('GET', '/api/v1/supervision/stalled?limit=100');
        return (res.body.items as { caseId: string }[]).some((c) => c.caseId === caseId);
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(true);
}

function stalledRow(page: Page, reference: string) {
  return page
    .getByRole('table', { name: /stalled case/ })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: reference, exact: true }) });
}

test('a supervisor sees a stalled case, reassigns it and ends its reflection early', async ({
  page,
  apiAs,
}) => {
  const cw = await apiAs(TEST_ACCOUNTS.caseworker);
  const sup = await apiAs(TEST_ACCOUNTS.supervisor);
  const { caseId, reference } = await caseInReflection(cw);
  await untilStalled(sup, caseId);

  await signIn(page, TEST_ACCOUNTS.supervisor, { language: 'en' });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Supervision' })
    .click();
  await expect(page.getByRole('heading', { name: 'Supervision', level: 1 })).toBeVisible();
  const row = stalledRow(page, reference);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Test caseworker');
  await expect(row).toContainText('Reflection');
  // Workload with names from the directory, not ids.
  const workload = page.getByRole('table', { name: /Open cases per person/ });
  await expect(workload.getByRole('rowheader', { name: 'Test caseworker2' })).toBeVisible();
  await expectAccessible(page, 'supervision');

  // Reassign, by keyboard: the row's button, then the dialog's fields.
  const reassign = row.getByRole('button', { name: `Reassign case ${reference}` });
  await row.getByRole('link', { name: reference }).focus();
  await page.keyboard.press('Tab');
  expect(await isFocused(reassign)).toBe(true);
  await expectVisibleFocus(reassign);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reassign the case' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Reassign', exact: true }).click();
  await expect(dialog.getByText('Required').first()).toBeVisible(); // nothing chosen: nothing sent
  await dialog
    .getByLabel('New caseworker')
    .selectOption({ label: 'Test caseworker2 (Caseworker)' });
  await dialog.getByLabel('Reason').selectOption({ label: 'Workload' });
  await expectAccessible(page, 'supervision-reassign');
  const newCaseworker = dialog.getByLabel('New caseworker');
  await newCaseworker.focus();
  expect(await isFocused(newCaseworker)).toBe(true);
  await dialog.getByRole('button', { name: 'Reassign', exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  // A reassignment is not progress (R21): still stalled, now in her colleague's name.
  await expect(stalledRow(page, reference)).toContainText('Test caseworker2');
  expect((await ok(sup, 'GET', `/api/v1/cases/${caseId}`)).assigneeId).toBe(
    TEST_ACCOUNTS.caseworker2,
  );

  // End the reflection period early: explained, and only with one of the two reasons.
  await stalledRow(page, reference)
    .getByRole('button', { name: `End the reflection period of case ${reference} early` })
    .click();
  const confirm = page.getByRole('dialog', { name: 'End the reflection period early' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('cannot be restored');
  await confirm.getByRole('button', { name: 'End the period now' }).click();
  await expect(confirm.getByText('Required')).toBeVisible();
  expect((await ok(sup, 'GET', `/api/v1/cases/${caseId}`)).reflectionEndedAt).toBeNull();
  await confirm.getByRole('radio', { name: 'Public order' }).check();
  await expectAccessible(page, 'supervision-end-reflection');
  await confirm.getByRole('button', { name: 'End the period now' }).click();
  await expect(confirm).toBeHidden();
  await expect
    .poll(async () => (await ok(sup, 'GET', `/api/v1/cases/${caseId}`)).reflectionEndedAt)
    .not.toBeNull();
  // Ending it is progress: the case leaves the stalled list; its button is gone either way.
  await expect(
    page.getByRole('button', { name: `End the reflection period of case ${reference} early` }),
  ).toHaveCount(0);
});

test('a caseworker of another organisation gets the missing-case page for that case', async ({
  page,
  apiAs,
}) => {
  const cw = await apiAs(TEST_ACCOUNTS.caseworker);
  const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'police' });
  const caseId = String(opened.caseId);

  await signIn(page, 'se-ngo-1-cw-1', { language: 'en' });
  await page.goto(`/cases/${randomUUID()}`);
  const notFound = page.getByRole('heading', { name: 'Not found', level: 1 });
  await expect(notFound).toBeVisible();
  const missing = await page.getByRole('main').innerText();

  await page.goto(`/cases/${caseId}`);
  await expect(notFound).toBeVisible();
  expect(await page.getByRole('main').innerText()).toBe(missing);
  await expect(page.getByRole('main')).not.toContainText(String(opened.reference));
  await expectAccessible(page, 'case-of-another-organisation');
});

test('a supervisor opens a listed case on its page', async ({ page, apiAs }) => {
  const cw = await apiAs(TEST_ACCOUNTS.caseworker);
  const sup = await apiAs(TEST_ACCOUNTS.supervisor);
  const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'customs' });
  const caseId = String(opened.caseId);
  await untilStalled(sup, caseId);
  await signIn(page, TEST_ACCOUNTS.supervisor, { language: 'en' });
  await page.getByRole('link', { name: 'Supervision' }).click();
  await stalledRow(page, String(opened.reference))
    .getByRole('link', { name: String(opened.reference) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not found', level: 1 })).toHaveCount(0);
});

test('a coordinator sees return readiness per organisation and a statistics chart', async ({
  page,
  apiAs,
}) => {
  // Setup: one Swedish case on a return path, and cases from a few referral sources.
  const cw = await apiAs('se-ngo-1-cw-1');
  const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'border-guard' });
  const caseId = String(opened.caseId);
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/identification`, {
    outcome: 'reasonable-grounds',
    decidedBy: 'police',
  });
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/pathway`, {
    pathway: 'return',
    communication: HER,
  });
  // A cross-border referral under her consent, not yet answered.
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/consents`, {
    scope: {
      kind: 'data-sharing',
      recipientOrganisationId: 'ro-recv-1',
      purpose: 'return-reception',
      categories: ['return'],
    },
    communication: HER,
  });
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/referrals`, {
    recipientOrganisationId: 'ro-recv-1',
    recipientCountry: 'RO',
    purpose: 'return-reception',
    categories: ['return'],
  });
  // Two groups well above the threshold (5): complementary suppression may hide one of them
  // beside the single border-guard case, never both.
  for (let i = 0; i < 6; i++) {
    await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'social-services' });
    await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'ngo-outreach' });
  }

  await signIn(page, 'se-coordinator', { language: 'en' });
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Return readiness' }).click();
  await expect(page.getByRole('heading', { name: 'Return readiness', level: 1 })).toBeVisible();
  const counts = page.getByRole('table', { name: /per organisation/ });
  // Organisations by name (GET /organisations), not by their opaque ids.
  const org = counts.getByRole('row').filter({ hasText: 'Demo NGO (SE)' }).first();
  await expect(org).toBeVisible();
  const board = page.getByRole('table', { name: /shown of/ });
  const caseRow = board.getByRole('row').filter({ hasText: String(opened.reference) });
  await expect(caseRow).toContainText('Incomplete');
  await expect(caseRow).toContainText('Not yet accepted');
  await expect(caseRow).toContainText('The reflection period is over');
  // Cross-border referrals: hers is listed as sent; filtered to accepted ones, it is not.
  const referrals = page.getByRole('table', { name: /cross-border referral/ });
  const referralRow = referrals.getByRole('row').filter({ hasText: String(opened.reference) });
  await expect(referralRow).toContainText('Sent, no answer yet');
  await expect(referralRow).toContainText('Romania (RO)');
  await expect(referralRow).toContainText('Demo NGO (SE)');
  await page.getByLabel('Referral status').selectOption({ label: 'Accepted' });
  await expect(
    page
      .getByRole('table', { name: /cross-border referral/ })
      .getByRole('row')
      .filter({ hasText: String(opened.reference) }),
  ).toHaveCount(0);
  await page.getByLabel('Referral status').selectOption({ label: 'Sent, no answer yet' });
  await expect(referralRow).toBeVisible();
  await expectAccessible(page, 'coordination');

  // Statistics: what the API publishes, drawn and tabled; suppressed cells never as numbers.
  const coordinator = await apiAs('se-coordinator');
  await nav.getByRole('link', { name: 'Statistics' }).click();
  await expect(page.getByRole('heading', { name: 'Statistics', level: 1 })).toBeVisible();
  await page.getByLabel('Group by').selectOption({ label: 'Referral source' });
  const published = await ok(coordinator, 'GET', '/api/v1/statistics/cases?groupBy=referralSource');
  expect(published.withheld).toBe(false);
  const chart = page.getByRole('img', { name: 'Cases by Referral source' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg.recharts-surface')).toBeVisible();
  const table = page.getByRole('table', { name: /Cases by Referral source/ });
  const rows = published.rows as {
    referralSource: string;
    count: number | null;
    suppressed: boolean;
  }[];
  expect(rows.some((r) => r.suppressed)).toBe(true); // one border-guard case: below 5
  expect(rows.some((r) => !r.suppressed)).toBe(true); // six social-services, six ngo-outreach
  const labels: Record<string, string> = {
    'border-guard': 'Border guard',
    'social-services': 'Social services',
    'ngo-outreach': 'NGO outreach',
  };
  for (const r of rows.filter((x) => labels[x.referralSource])) {
    const line = table.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: labels[r.referralSource], exact: true }),
    });
    if (r.suppressed) {
      await expect(line.getByRole('cell')).toHaveText('suppressed');
      // Its category on the chart's axis says so too (and it has no bar).
      await expect(chart).toContainText('suppressed');
    } else {
      await expect(line.getByRole('cell')).toHaveText(String(r.count));
    }
  }
  await expectAccessible(page, 'statistics');

  // CSV: fetched with the token in a header, handed over as a Blob (no token in any URL).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.url()).toMatch(/^blob:/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('referralSource');
  expect(csv).toMatch(/border-guard/);
});

test('a coordinator reads cases by citizenship and by sex and age band, as charts and tables', async ({
  page,
  apiAs,
}) => {
  // Setup (ADR 0017): five women of one small state, her details recorded through the API.
  const cw = await apiAs('se-ngo-1-cw-1');
  const born = new Date(Date.now() - 40 * 86_400_000);
  born.setUTCFullYear(born.getUTCFullYear() - 20);
  for (let i = 0; i < 5; i++) {
    const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'helpline' });
    await ok(cw, 'POST', `/api/v1/cases/${String(opened.caseId)}/person-details`, {
      personal: {
        identity: {
          sex: 'Feminine',
          dateOfBirth: born.toISOString().slice(0, 10),
          citizenship: 'PW',
        },
      },
    });
  }
  const coordinator = await apiAs('se-coordinator');
  const published = await ok(coordinator, 'GET', '/api/v1/statistics/cases?groupBy=citizenship');
  expect(published.withheld).toBe(false);
  const rows = published.rows as {
    citizenship: string;
    count: number | null;
    suppressed: boolean;
  }[];
  expect(rows.find((r) => r.citizenship === 'PW')).toBeDefined();

  await signIn(page, 'se-coordinator', { language: 'en' });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Statistics' })
    .click();
  await page.getByLabel('Group by').selectOption({ label: 'Citizenship' });
  // Counted by month of opening: the screen says so, and splits only by sex or age band.
  await expect(page.getByText(/counted by the month each case was opened/)).toBeVisible();
  const split = page.getByLabel('Split by');
  await expect(split.locator('option')).toHaveText(['No split', 'Sex', 'Age band']);
  const chart = page.getByRole('img', { name: 'Cases by Citizenship' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg.recharts-surface')).toBeVisible();
  const table = page.getByRole('table', { name: /Cases by Citizenship/ });
  const palau = table.getByRole('row').filter({
    has: page.getByRole('rowheader', { name: 'Palau (PW)', exact: true }),
  });
  const pw = rows.find((r) => r.citizenship === 'PW')!;
  await expect(palau.getByRole('cell')).toHaveText(pw.suppressed ? 'suppressed' : String(pw.count));
  await expect(table.getByRole('row')).toHaveCount(rows.length + 1);
  await expectAccessible(page, 'statistics-citizenship');

  await split.selectOption({ label: 'Age band' });
  await page.getByLabel('Group by').selectOption({ label: 'Sex' });
  const bySex = page.getByRole('table', { name: /Cases by Sex, Age band/ });
  await expect(bySex.getByRole('rowheader', { name: 'Feminine' }).first()).toBeVisible();
  await expect(bySex.getByRole('cell', { name: '18-24' }).first()).toBeVisible();
  await expectAccessible(page, 'statistics-sex-age');

  // Exportable as the other tables: CSV with the same columns.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('sex,ageBand,count,suppressed');
  expect(csv).toMatch(/Feminine,18-24,/);

  // Back to a case dimension: the split of her dimensions is cleared.
  await page.getByLabel('Group by').selectOption({ label: 'Phase' });
  await expect(split).toHaveValue('');
});

test('an auditor verifies the audit chain and filters the trail', async ({ page }) => {
  await signIn(page, 'se-auditor', { language: 'en' });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Audit' })
    .click();
  await expect(page.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  const status = page.getByRole('status').filter({ hasText: 'The chain is intact' });
  await expect(status).toBeVisible();
  await expect(status).toContainText(/verified; no link is broken/);

  await page.getByLabel('Action').fill('audit.verify');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const trail = page.getByRole('table', { name: /shown, oldest first/ });
  await expect(trail.getByRole('row').nth(1)).toContainText('audit.verify');
  const actions = await trail.getByRole('code').allInnerTexts();
  expect(actions.filter((a) => a.includes('.')).every((a) => a === 'audit.verify')).toBe(true);
  await expectAccessible(page, 'audit');
});
