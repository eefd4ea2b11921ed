/**
 * HTCDS 2.0 in the browser: a national coordinator exports her country's cases (CSV) by
 * keyboard; a supervisor checks an HTCDS Excel template (one row refused, shown by row, column
 * and rule, never its value) and confirms the import, by keyboard. axe on both screens.
 */
import { readFileSync } from 'node:fs';
import { expect, expectAccessible, signIn, test, TEST_ACCOUNTS } from './support/fixtures';
import { syntheticCases, templateWith } from '../htcds/template-fixture';

test('a coordinator exports HTCDS 2.0 as CSV by keyboard', async ({ page }) => {
  await signIn(page, 'se-coordinator', { language: 'en' });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Return readiness' })
    .click();
  const section = page.getByRole('region', { name: 'HTCDS 2.0 export' });
  await expect(section).toBeVisible();
  await expect(section).toContainText('CC BY 4.0');
  const csvButton = section.getByRole('button', { name: 'Export HTCDS (CSV)' });
  await csvButton.focus();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  expect(download.url()).toMatch(/^blob:/);
  expect(download.suggestedFilename()).toBe('htcds-2.0-export.csv');
  const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toContain('HTCDS 2.0');
  expect(csv[1]).toContain('CC BY 4.0');
  expect(csv[3]).toMatch(/^org_Type,org_ShippingCountry,prs_Gender/);
  await expectAccessible(page, 'htcds-export');
});

test('a supervisor checks an HTCDS template, sees the refused row and imports the rest', async ({
  page,
}) => {
  const cases = syntheticCases(3, Date.now() % 100_000);
  const file = await templateWith([...cases, { ...cases[0]!, prs_Gender: 'Secret value' }]);

  await signIn(page, TEST_ACCOUNTS.supervisor, { language: 'en' });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Supervision' })
    .click();
  const section = page.getByRole('region', { name: 'Import from HTCDS template' });
  await expect(section).toBeVisible();
  // The file chooser opens from the keyboard.
  await section.getByRole('button', { name: /HTCDS Excel template/ }).focus();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.keyboard.press('Enter'),
  ]);
  await chooser.setFiles({
    name: 'cases.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await section.getByRole('button', { name: 'Check file' }).focus();
  await page.keyboard.press('Enter');
  await expect(section).toContainText('4 cases in the file: 3 can be imported');
  const refused = section.getByRole('table', { name: /1 row refused/ });
  await expect(refused.getByRole('row').nth(1)).toContainText('6prs_Genderhtcds.picklist');
  await expect(section).not.toContainText('Secret value');
  await expectAccessible(page, 'htcds-import-dry-run');
  await section.getByRole('button', { name: 'Import 3 cases' }).focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('status')).toContainText('3 cases imported', { timeout: 120_000 });
  await expectAccessible(page, 'htcds-import-done');
});
