/**
 * The network's indicators in the browser (issue 10): a coordinator reads them on the statistics
 * screen as charts with every figure in a captioned table (suppressed ones marked, never as
 * numbers), reaches the CSV download by keyboard; a supervisor sees the statistics of her own
 * organisation and downloads her caseload as CSV from the supervision screen. Axe on both.
 */
import { readFileSync } from 'node:fs';
import {
  expect,
  expectAccessible,
  expectVisibleFocus,
  isFocused,
  signIn,
  test,
} from './support/fixtures';

test('a coordinator reads the indicators as charts and a table, and downloads them by keyboard', async ({
  page,
  apiAs,
}) => {
  const cw = await apiAs('se-ngo-1-cw-1');
  for (let i = 0; i < 5; i++) {
    const res = await cw('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(res.status).toBe(201);
    const id = await cw('POST', `/api/v1/cases/${String(res.body.caseId)}/identification`, {
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(id.status).toBe(200);
  }
  const published = await (await apiAs('se-coordinator'))('GET', '/api/v1/statistics/indicators');
  expect(published.status).toBe(200);

  await signIn(page, 'se-coordinator', { language: 'en' });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Statistics' })
    .click();
  const section = page.getByRole('region', { name: 'Indicators' });
  await expect(section).toBeVisible();
  await expect(section.getByRole('img', { name: /Follow-ups after departure/ })).toBeVisible();
  // The services chart is drawn when some service was requested; without any, it is left out.
  const anyService = (published.body.rows as Array<{ indicator: string }>).some(
    (r) => r.indicator === 'services-offered-provided',
  );
  await expect(section.getByRole('img', { name: /Services offered and provided/ })).toHaveCount(
    anyService ? 1 : 0,
  );
  const table = section.getByRole('table', { name: /Indicators over the cases opened/ });
  await expect(table.getByRole('columnheader', { name: 'Indicator' })).toBeVisible();
  // Every figure the API publishes is in the table; suppressed ones say so, never a number.
  const rows = published.body.rows as Array<{
    indicator: string;
    measure: string;
    breakdown: string | null;
    value: number | null;
    suppressed: boolean;
  }>;
  await expect(table.getByRole('row')).toHaveCount(rows.length + 1);
  const cases = rows.find(
    (r) => r.indicator === 'referral-to-identification' && r.measure === 'cases',
  )!;
  const casesRow = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Time from referral to identification' }) })
    .filter({ hasText: 'Cases' });
  await expect(casesRow.getByRole('cell').last()).toHaveText(
    cases.suppressed ? 'suppressed' : new Intl.NumberFormat('en').format(cases.value ?? 0),
  );
  await expectAccessible(page, 'statistics-indicators');

  // Keyboard: the download button is reached by Tab and pressed with Enter.
  const button = section.getByRole('button', { name: 'Download indicators (CSV)' });
  // From the last filter of the screen, Tab moves on (date fields have a stop per part) until
  // it reaches the button: nothing between is a trap, and the button takes a visible focus.
  await page.getByLabel('Opened until').focus();
  for (let i = 0; i < 12 && !(await isFocused(button)); i++) await page.keyboard.press('Tab');
  await expectVisibleFocus(button);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  expect(download.url()).toMatch(/^blob:/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('indicator,breakdown,measure,value,suppressed');
});

test('a supervisor sees her organisation’s statistics and downloads her caseload', async ({
  page,
}) => {
  await signIn(page, 'se-ngo-1-sup', { language: 'en' });
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Statistics' }).click();
  await expect(page.getByRole('region', { name: 'Indicators' })).toBeVisible();
  await expectAccessible(page, 'statistics-supervisor');
  await nav.getByRole('link', { name: 'Supervision' }).click();
  await expect(page.getByRole('heading', { name: 'Supervision', level: 1 })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download caseload (CSV)' }).click(),
  ]);
  expect(download.url()).toMatch(/^blob:/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^reference,status,phase,pathway,assignee,/);
});
