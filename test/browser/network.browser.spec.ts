/**
 * R30, R31 in the browser. A partner system's fact that a rule refused shows on the case page
 * and her caseworker resolves it by keyboard; a transfer proposed within Sweden waits on the
 * receiving supervisor's Transfers screen, where she accepts it (naming the caseworker) by
 * keyboard, and the sender keeps only its record. Axe on each screen.
 */
import {
  expect,
  expectAccessible,
  expectVisibleFocus,
  signIn,
  test,
  type ApiCaller,
} from './support/fixtures';

const HER = { language: 'ro', interpreterUsed: true };

async function ok(caller: ApiCaller, method: string, path: string, body?: unknown, status = 200) {
  const res = await caller(method, path, body);
  expect([method, path, res.status]).toEqual([method, path, status]);
  return res.body as Record<string, unknown>;
}

test('a refused partner fact is seen on the case and resolved by keyboard', async ({
  page,
  apiAs,
  baseURL,
}) => {
  const cw = await apiAs('se-ngo-1-cw-1');
  const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'police' }, 201);
  const caseId = String(opened.caseId);
  const admin = await apiAs('se-admin');
  const police = await ok(
    admin,
    'POST',
    '/api/v1/admin/partners',
    { kind: 'police', allowedFactKinds: ['identification-decision'] },
    201,
  );
  const report = (factId: string) =>
    fetch(`${baseURL}/api/v1/integration/cases/${caseId}/facts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${String(police.token)}`,
      },
      body: JSON.stringify({
        factId,
        kind: 'identification-decision',
        outcome: 'reasonable-grounds',
      }),
    });
  expect((await report('br-pol-1')).status).toBe(202);
  // A second decision: R1 refuses it, and the case records the refusal.
  expect((await report('br-pol-2')).status).toBe(202);
  await expect
    .poll(async () => {
      const res = await cw('GET', `/api/v1/cases/${caseId}/refused-facts`);
      return (res.body as { items: unknown[] }).items.length;
    })
    .toBe(1);

  await signIn(page, 'se-ngo-1-cw-1');
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: 'Refused partner facts' })).toBeVisible();
  await expect(
    page.getByText(/Identification decision from partner-se-.*refused by rule R1/),
  ).toBeVisible();
  await expectAccessible(page, 'case-refused-fact');

  const resolve = page.getByRole('button', {
    name: 'Mark the refused fact resolved: Identification decision',
  });
  await resolve.focus();
  await expectVisibleFocus(resolve);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Refused partner facts' })).toBeHidden();
  await expect(page.getByText('The caseworker resolved a refused partner fact')).toBeVisible();
});

test('the receiving supervisor accepts a transfer by keyboard; the sender keeps its record', async ({
  page,
  apiAs,
}) => {
  const cw = await apiAs('se-ngo-1-cw-1');
  const opened = await ok(cw, 'POST', '/api/v1/cases', { referralSource: 'helpline' }, 201);
  const caseId = String(opened.caseId);
  const reference = String(opened.reference);
  await ok(cw, 'POST', `/api/v1/cases/${caseId}/transfer`, {
    receivingOrganisationId: 'se-shelter-1',
    communication: HER,
  });

  await signIn(page, 'se-shelter-1-sup');
  await page.getByRole('link', { name: 'Transfers' }).click();
  await expect(
    page
      .getByRole('heading', { name: 'Waiting for your organisation\u2019s answer' })
      .or(page.getByRole('heading', { name: "Waiting for your organisation's answer" })),
  ).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toBeVisible();
  await expectAccessible(page, 'transfers-incoming');

  const assignee = row.getByRole('combobox', {
    name: `Responsible caseworker for ${reference}`,
  });
  await assignee.selectOption('se-shelter-1-cw-1');
  // From the select to Accept by keyboard.
  await assignee.focus();
  await page.keyboard.press('Tab');
  const accept = row.getByRole('button', { name: `Accept the transfer of ${reference}` });
  await expectVisibleFocus(accept);
  await page.keyboard.press('Enter');
  await expect(row.getByText('Accepted: the case continues there')).toBeVisible();

  // The case is now the receiver's; the sender sees its record, not the case.
  const receiver = await apiAs('se-shelter-1-sup');
  const moved = await ok(receiver, 'GET', `/api/v1/cases/${caseId}`);
  expect(moved.organisationId).toBe('se-shelter-1');
  expect((await cw('GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
  const records = await ok(cw, 'GET', '/api/v1/transfers?status=all');
  expect(records.outgoing).toContainEqual(
    expect.objectContaining({ caseId, status: 'accepted', reference }),
  );
});
