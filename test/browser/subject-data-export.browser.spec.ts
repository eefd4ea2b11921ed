/**
 * Her own data (GDPR Art. 15, 20) from the case page, by keyboard: her caseworker opens "Export
 * her data", chooses Swedish and a password (typed twice; a mismatch is refused in the dialog
 * before anything is sent), and saves a zip named by the case reference and the day that opens
 * with that password only. The password goes in the request body (never the URL), the dialog
 * passes axe, forgets the password when closed, and the browser stores it nowhere.
 */
import { readFile } from 'node:fs/promises';
import { configure, TextWriter, Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import {
  expect,
  expectAccessible,
  expectNoPersonalDataStored,
  isFocused,
  signIn,
  test,
  TEST_ACCOUNTS,
} from './support/fixtures';

configure({ useWebWorkers: false });

// Made up, distinct enough to be found in storage if anything kept it.
const PASSWORD = 'Quokka-lantern-7-fjord';

test('her caseworker exports her data in Swedish as a password-protected zip, by keyboard', async ({
  page,
  apiAs,
}) => {
  test.setTimeout(180_000);
  const cw = await apiAs(TEST_ACCOUNTS.caseworker);
  const opened = await cw('POST', '/api/v1/cases', { referralSource: 'helpline' });
  expect(opened.status).toBe(201);
  const caseId = String(opened.body.caseId);
  const reference = String(opened.body.reference);

  await signIn(page, TEST_ACCOUNTS.caseworker, { language: 'en' });
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: 'Case', level: 1 })).toBeVisible();

  // Opened by keyboard; focus moves into the dialog, on the language.
  const open = page.getByRole('button', { name: 'Export her data', exact: true });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export her data (GDPR Articles 15 and 20)' });
  await expect(dialog).toBeVisible();
  const language = dialog.getByRole('combobox', { name: 'Language of the document' });
  await expect.poll(() => isFocused(language)).toBe(true);
  await expect(dialog.getByText(/never in the same message as the file/)).toBeVisible();
  await expectAccessible(page, 'subject-data-export-dialog');

  await language.selectOption('sv');
  await expect(language.locator('option', { hasText: 'Svenska' })).toHaveCount(1);
  const password = dialog.getByRole('textbox', { name: 'Password for the zip file', exact: true });
  const repeat = dialog.getByRole('textbox', { name: 'Repeat the password', exact: true });
  await password.focus();
  await page.keyboard.type(PASSWORD);
  await repeat.focus();
  await page.keyboard.type(`${PASSWORD}x`);

  // Shown and hidden again by keyboard (one toggle shows both fields).
  const reveal = dialog.getByRole('button', { name: 'Show the characters typed' }).first();
  await expect(password).toHaveAttribute('type', 'password');
  await reveal.focus();
  await page.keyboard.press('Space');
  await expect(password).toHaveAttribute('type', 'text');
  await expect(repeat).toHaveAttribute('type', 'text');
  await page.keyboard.press('Space');
  await expect(password).toHaveAttribute('type', 'password');

  // A mismatch is refused in the dialog: nothing is sent.
  const sentExports: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/exports/subject-data')) sentExports.push(r.url());
  });
  await repeat.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('The two passwords differ.')).toBeVisible();
  expect(sentExports).toHaveLength(0);
  await expectAccessible(page, 'subject-data-export-dialog-error');

  await repeat.fill('');
  await repeat.focus();
  await page.keyboard.type(PASSWORD);
  const request = page.waitForRequest((r) => r.url().includes('/exports/subject-data'));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const sent = await request;
  expect(sent.method()).toBe('POST');
  expect(sent.url()).toMatch(new RegExp(`/api/v1/cases/${caseId}/exports/subject-data$`));
  expect(sent.url()).not.toContain(PASSWORD);
  // (Chromium does not show Playwright a fetch's Request body: the zip below proves it.)

  const file = await download;
  const today = new Date().toISOString().slice(0, 10);
  expect(file.suggestedFilename()).toBe(`${reference}-${today}.zip`);
  const bytes = new Uint8Array(await readFile(await file.path()));
  expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');

  // The zip opens with her password, and not without it.
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { password: PASSWORD });
  const entries = await reader.getEntries();
  expect(entries.map((e) => e.filename).sort()).toEqual(['subject-data.json', 'subject-data.pdf']);
  const jsonEntry = entries.find((e) => e.filename === 'subject-data.json');
  if (!jsonEntry || jsonEntry.directory) throw new Error('subject-data.json missing');
  const json = JSON.parse(await jsonEntry.getData(new TextWriter())) as Record<string, unknown>;
  expect(json).toMatchObject({ language: 'sv', caseReference: reference });
  await reader.close();
  const wrong = new ZipReader(new Uint8ArrayReader(bytes), { password: 'not-her-password-1' });
  const wrongEntry = (await wrong.getEntries()).find((e) => e.filename === 'subject-data.json');
  if (!wrongEntry || wrongEntry.directory) throw new Error('subject-data.json missing');
  await expect(wrongEntry.getData(new TextWriter())).rejects.toThrow();
  await wrong.close();

  // Done: the dialog closes, says so, gives focus back, and has forgotten the password.
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText('The zip file has been downloaded. Give her the password separately.'),
  ).toBeAttached();
  await expect.poll(() => isFocused(open)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(
    dialog.getByRole('textbox', { name: 'Password for the zip file', exact: true }),
  ).toHaveValue('');
  await expect(
    dialog.getByRole('textbox', { name: 'Repeat the password', exact: true }),
  ).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expectNoPersonalDataStored(page, [PASSWORD]);
});

test("her organisation's supervisor is offered the export on the case page too", async ({
  page,
  apiAs,
}) => {
  // The sign-in may wait for a fresh authenticator code.
  test.setTimeout(120_000);
  const cw = await apiAs(TEST_ACCOUNTS.caseworker);
  const opened = await cw('POST', '/api/v1/cases', { referralSource: 'police' });
  expect(opened.status).toBe(201);

  await signIn(page, TEST_ACCOUNTS.supervisor, { language: 'en' });
  await page.goto(`/cases/${String(opened.body.caseId)}`);
  await expect(page.getByRole('heading', { name: 'Case', level: 1 })).toBeVisible();
  const open = page.getByRole('button', { name: 'Export her data', exact: true });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export her data (GDPR Articles 15 and 20)' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect.poll(() => isFocused(open)).toBe(true);
});
