/**
 * R18 delivered (issue 10), over the real stack: a Swedish caseworker refers a case to a
 * Romanian organisation with her consent for two categories; a Romanian caseworker sees it in
 * "Referrals received", opens it (each category revealed audited) and accepts it herself; the
 * Swedish readiness item turns; the linked Romanian case holds exactly those two categories
 * under its own key. The sender cannot answer for the receiver; withdrawing her consent before
 * acceptance withdraws the referral, after acceptance it is recorded on both cases. The
 * "referral received" mail lands in the outbox with no personal data.
 */
import type { DataSource } from 'typeorm';
import { personalPaths } from '@ariadne/domain';
import { DATA_SOURCE } from '@ariadne/persistence';
import { CASE_KEYS, type CaseKeyStore } from '@ariadne/security';
import { type ApiStack, type Caller, startApiStack } from '../support/stack';

jest.setTimeout(180_000);

const HER = { language: 'ro', interpreterUsed: true };
const NAME = 'Ioana-Secret-Name';
const HEALTH = 'asthma-secret-note';
const ADDRESS = 'Strada Nevazuta 9';

describe('R18: a referral delivered to and answered by the receiving organisation', () => {
  let stack: ApiStack;
  let se: Caller;
  let ro: Caller;
  let ro2: Caller;
  let ds: DataSource;
  let keys: CaseKeyStore;

  beforeAll(async () => {
    stack = await startApiStack();
    [se, ro, ro2] = await Promise.all([
      stack.as('se-ngo-1-cw-1'),
      stack.as('ro-recv-1-cw-1'),
      stack.as('ro-recv-1-cw-2'),
    ]);
    ds = stack.api.get(DATA_SOURCE);
    keys = stack.api.get(CASE_KEYS);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A Swedish case on the return path, referred to ro-recv-1 with consent for two categories. */
  async function referred(): Promise<{ caseId: string; reference: string }> {
    const opened = await se('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(opened.status).toBe(201);
    const { caseId, reference } = opened.body as { caseId: string; reference: string };
    const cmd = async (path: string, body: unknown) => {
      const res = await se('POST', `/api/v1/cases/${caseId}/${path}`, body);
      expect([path, res.status, res.body?.detail]).toEqual([path, 200, undefined]);
      return res;
    };
    await cmd('pathway', { pathway: 'return', communication: HER });
    await cmd('consents', {
      scope: {
        kind: 'data-sharing',
        recipientOrganisationId: 'ro-recv-1',
        purpose: 'return-reception',
        categories: ['identity', 'health'],
      },
      communication: HER,
    });
    await cmd('referrals', {
      recipientOrganisationId: 'ro-recv-1',
      recipientCountry: 'RO',
      purpose: 'return-reception',
      categories: ['identity', 'health'],
      personal: { identity: { givenName: NAME }, health: { notes: HEALTH } },
    });
    return { caseId, reference };
  }

  async function receivingItem(caseId: string): Promise<boolean | undefined> {
    const res = await se('GET', `/api/v1/cases/${caseId}/readiness`);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ item: string; met: boolean }>;
    return items.find((i) => i.item === 'receiving-organisation')?.met;
  }

  it('is delivered, opened, accepted by the receiver; readiness turns; the linked case holds exactly the two categories', async () => {
    const { caseId, reference } = await referred();

    // The Romanian caseworker sees it in her organisation's list: no personal data there.
    const list = await ro('GET', '/api/v1/referrals/received');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toMatch(new RegExp(`${NAME}|${HEALTH}`));
    const item = (list.body.items as Array<Record<string, unknown>>).find(
      (r) => r.caseId === caseId,
    );
    expect(item).toMatchObject({
      referralId: 'referral-1',
      reference,
      senderOrganisationId: 'se-ngo-1',
      senderCountry: 'SE',
      purpose: 'return-reception',
      categories: ['identity', 'health'],
      status: 'sent',
      linkedCaseId: null,
    });
    // Another organisation does not see it.
    const other = await se('GET', '/api/v1/referrals/received');
    expect((other.body.items as Array<{ caseId: string }>).some((r) => r.caseId === caseId)).toBe(
      false,
    );
    expect((await se('GET', `/api/v1/referrals/received/${caseId}/referral-1`)).status).toBe(404);

    // Opened: the consented categories, decrypted for her; each reveal audited.
    const opened = await ro('GET', `/api/v1/referrals/received/${caseId}/referral-1`);
    expect(opened.status).toBe(200);
    expect(opened.body.personal).toEqual({
      identity: { givenName: NAME },
      health: { notes: HEALTH },
    });
    const reveals: Array<{ categories: string[] }> = await ds.query(
      `SELECT categories FROM audit_log WHERE action = 'referral.received.reveal'
          AND case_id = $1 AND actor_id = 'ro-recv-1-cw-1'`,
      [caseId],
    );
    expect(
      reveals
        .map((r) => r.categories)
        .flat()
        .sort(),
    ).toEqual(['health', 'identity']);

    // The sender cannot answer for the receiver: the old route is gone.
    const bySender = await se('POST', `/api/v1/cases/${caseId}/referrals/referral-1/response`, {
      response: 'accepted',
    });
    expect(bySender.status).toBe(404);
    expect(await receivingItem(caseId)).toBe(false);

    // A free-text reason is refused (codes only).
    const bad = await ro('POST', `/api/v1/referrals/received/${caseId}/referral-1/answer`, {
      response: 'declined',
      reasonCode: 'she said something',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain('she said something');

    // The receiver accepts.
    const accepted = await ro('POST', `/api/v1/referrals/received/${caseId}/referral-1/answer`, {
      response: 'accepted',
    });
    expect(accepted.status).toBe(200);
    const linkedCaseId = accepted.body.linkedCaseId as string;
    expect(accepted.body).toMatchObject({ status: 'accepted', linkedCaseReference: /^RO-/ });
    expect(linkedCaseId).toMatch(/^[0-9a-f-]{36}$/);
    // Answered once.
    const again = await ro2('POST', `/api/v1/referrals/received/${caseId}/referral-1/answer`, {
      response: 'declined',
    });
    expect(again.status).toBe(409);

    // The Swedish readiness item turns; the sender sees the answer and the link on the case.
    expect(await receivingItem(caseId)).toBe(true);
    const timeline = await se('GET', `/api/v1/cases/${caseId}/timeline`);
    const answer = (timeline.body as Array<{ type: string; data: Record<string, unknown> }>)
      .filter((e) => e.type === 'CrossBorderReferralAccepted')
      .map((e) => e.data);
    expect(answer).toEqual([expect.objectContaining({ referralId: 'referral-1', linkedCaseId })]);
    const events: Array<{ type: string; metadata: Record<string, string> }> = await ds.query(
      `SELECT type, metadata FROM case_events WHERE case_id = $1 AND type = 'CrossBorderReferralAccepted'`,
      [caseId],
    );
    expect(events[0]?.metadata).toMatchObject({
      actorId: 'ro-recv-1-cw-1',
      organisationId: 'ro-recv-1',
    });

    // The linked Romanian case: its own, in Romania, linked back, and exactly the two categories.
    const linked = await ro('GET', `/api/v1/cases/${linkedCaseId}`);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ organisationId: 'ro-recv-1', country: 'RO' });
    expect((await se('GET', `/api/v1/cases/${linkedCaseId}`)).status).toBe(404);
    const [received] = await ds.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'ReferralReceived'`,
      [linkedCaseId],
    );
    expect(received.data).toMatchObject({ sourceCaseId: caseId, referralId: 'referral-1' });
    // Stored encrypted, and not under the sending case's key.
    expect(JSON.stringify(received.data)).not.toContain(NAME);
    await expect(
      keys.decryptPersonal(caseId, received.data, personalPaths('ReferralReceived')),
    ).rejects.toThrow();
    const open = await keys.decryptPersonal(
      linkedCaseId,
      received.data,
      personalPaths('ReferralReceived'),
    );
    expect(open['personal']).toEqual({ identity: { givenName: NAME }, health: { notes: HEALTH } });
    const person = await ro('GET', `/api/v1/cases/${linkedCaseId}/person?category=health`);
    expect(person.status).toBe(200);
    expect((person.body.categories as Array<{ category: string }>).map((c) => c.category)).toEqual([
      'health',
    ]);

    // Withdrawn after acceptance: recorded on both cases, nothing more shared.
    const consentId = 'consent-1';
    const withdraw = await se('POST', `/api/v1/cases/${caseId}/consents/${consentId}/withdrawal`, {
      communication: HER,
    });
    expect(withdraw.status).toBe(200);
    const onSender: Array<{ type: string }> = await ds.query(
      `SELECT type FROM case_events WHERE case_id = $1 AND type = 'CrossBorderReferralSharingStopped'`,
      [caseId],
    );
    expect(onSender).toHaveLength(1);
    const onLinked: Array<{ type: string }> = await ds.query(
      `SELECT type FROM case_events WHERE case_id = $1 AND type = 'LinkedSharingStopped'`,
      [linkedCaseId],
    );
    expect(onLinked).toHaveLength(1);
    const afterStop = await ro('GET', `/api/v1/referrals/received/${caseId}/referral-1`);
    expect(afterStop.body).toMatchObject({ personal: null, sharingStoppedAt: expect.any(String) });
    expect(await receivingItem(caseId)).toBe(false);
  });

  it('withdrawing her consent before acceptance withdraws the referral', async () => {
    const { caseId } = await referred();
    const withdraw = await se('POST', `/api/v1/cases/${caseId}/consents/consent-1/withdrawal`, {
      communication: HER,
    });
    expect(withdraw.status).toBe(200);
    const list = await ro('GET', '/api/v1/referrals/received');
    const item = (list.body.items as Array<Record<string, unknown>>).find(
      (r) => r.caseId === caseId,
    );
    expect(item).toMatchObject({ status: 'withdrawn' });
    // The national coordinator's board says so too.
    const coordinator = await stack.as('se-coordinator');
    const board = await coordinator('GET', '/api/v1/coordination/referrals?status=withdrawn');
    expect(board.status).toBe(200);
    expect(board.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId, status: 'withdrawn' })]),
    );
    const opened = await ro('GET', `/api/v1/referrals/received/${caseId}/referral-1`);
    expect(opened.body.personal).toBeNull();
    const accept = await ro('POST', `/api/v1/referrals/received/${caseId}/referral-1/answer`, {
      response: 'accepted',
    });
    expect(accept.status).toBe(409);
  });

  it('a decline is the receiver’s, with a reason code; the sender sees it', async () => {
    const { caseId } = await referred();
    const declined = await ro2('POST', `/api/v1/referrals/received/${caseId}/referral-1/answer`, {
      response: 'declined',
      reasonCode: 'no-capacity',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({
      status: 'declined',
      linkedCaseId: null,
      linkedCaseReference: null,
    });
    const timeline = await se('GET', `/api/v1/cases/${caseId}/timeline`);
    const types = (timeline.body as Array<{ type: string }>).map((e) => e.type);
    expect(types).toContain('CrossBorderReferralDeclined');
    expect(await receivingItem(caseId)).toBe(false);
  });

  it('the referral-received mail reaches the receiving organisation through the outbox, with no personal data', async () => {
    const { caseId, reference } = await referred();
    const rows: Array<{ recipient_user_id: string; kind: string; params: unknown }> =
      await ds.query(
        `SELECT recipient_user_id, kind, params FROM outbox_messages
          WHERE params->>'caseId' = $1`,
        [caseId],
      );
    const recipients = rows.map((r) => r.recipient_user_id).sort();
    expect(recipients.length).toBeGreaterThan(0);
    expect(recipients.every((id) => id.startsWith('ro-recv-1-'))).toBe(true);
    expect(recipients).toEqual(expect.arrayContaining(['ro-recv-1-cw-1', 'ro-recv-1-sup']));
    // And the receiving organisation's supervisors' inbox, in the same transaction.
    const inbox: Array<{ organisation_id: string; recipient_role: string; kind: string }> =
      await ds.query(
        `SELECT organisation_id, recipient_role, kind FROM notifications WHERE case_id = $1`,
        [caseId],
      );
    expect(inbox).toEqual([
      { organisation_id: 'ro-recv-1', recipient_role: 'supervisor', kind: 'referral' },
    ]);
    for (const r of rows) {
      expect(r.kind).toBe('referral');
      expect(r.params).toEqual({ caseId, reference, referralId: 'referral-1' });
      expect(JSON.stringify(r.params)).not.toMatch(new RegExp(`${NAME}|${HEALTH}|${ADDRESS}`));
    }
  });
});
