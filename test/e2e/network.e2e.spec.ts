/**
 * The case in a network, end to end on the real stack (API, worker, Temporal, PostgreSQL):
 * facts that partner systems push as Signals (R30) and the transfer of a case to another
 * organisation of the same country (R31), under a test policy of seconds (country ZZ).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { Client } from '@temporalio/client';
import { SA } from '@ariadne/contracts';
import { type CountryPolicy, DEFAULT_POLICIES } from '@ariadne/domain';
import { createDataSource, hashPassword, IdentityRepository } from '@ariadne/persistence';
import {
  type ApiStack,
  type Caller,
  caller,
  DEMO_PASSWORD,
  type HttpResult,
  mustEnv,
  startApiStack,
} from '../support/stack';
import { completeSecondFactor } from '../support/second-factor';

jest.setTimeout(120_000);

const DAYS = 'P30D';
const HER = { language: 'ro', interpreterUsed: true };

/** The identification decision is due 20 s after opening and reminded 5 s before. */
const ZZ: CountryPolicy = {
  ...DEFAULT_POLICIES.SE,
  country: 'ZZ',
  version: 'network-test',
  testOnly: true,
  deadlines: {
    identificationDecision: 'PT20S',
    rightsInformation: DAYS,
    healthCheckOffered: DAYS,
    riskAssessment: DAYS,
    needsAssessment: DAYS,
  },
  reminderBefore: 'PT5S',
  escalateAfter: DAYS,
  stalledAfter: DAYS,
  followUpsAfterReturn: [DAYS],
  retentionAfterClosure: DAYS,
};

const SENDER = 'zz-net-a';
const RECEIVER = 'zz-net-b';
const HQ = 'zz-net-hq';

async function seed(): Promise<void> {
  const ds = await createDataSource(process.env.DATABASE_URL!).initialize();
  try {
    const repo = new IdentityRepository(ds.manager);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const org of [SENDER, RECEIVER, HQ]) {
      await repo.insertOrganisationIfAbsent({ id: org, country: 'ZZ', type: 'NGO', name: org });
    }
    const users = [
      [`${SENDER}-cw`, SENDER, 'caseworker'],
      [`${SENDER}-sup`, SENDER, 'supervisor'],
      [`${RECEIVER}-cw`, RECEIVER, 'caseworker'],
      [`${RECEIVER}-sup`, RECEIVER, 'supervisor'],
      [`${HQ}-admin`, HQ, 'admin'],
    ] as const;
    for (const [id, organisationId, role] of users) {
      await repo.insertUserIfAbsent({
        id,
        organisationId,
        role,
        displayName: `Test ${role}`,
        login: id,
        passwordHash,
        active: true,
      });
    }
  } finally {
    await ds.destroy();
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const until = Date.now() + 45_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Signs in as the API asks: supervisors and admins must have a second factor. A demo account
 * proves the seed's one; a fresh account of this test sets up TOTP at its first sign-in (the
 * forced enrolment), as a person would with her app.
 */
const signedIn = new Map<string, Caller>();
async function signIn(baseUrl: string, login: string): Promise<Caller> {
  const known = signedIn.get(login);
  if (known) return known;
  const signed = await signInOnce(baseUrl, login);
  signedIn.set(login, signed);
  return signed;
}

async function signInOnce(baseUrl: string, login: string): Promise<Caller> {
  const anonymous = caller(baseUrl);
  const res = await anonymous('POST', '/api/v1/auth/login', { login, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  if (typeof res.body.accessToken === 'string') return caller(baseUrl, res.body.accessToken);
  const { challengeToken } = res.body;
  if (res.body.secondFactorRequired) {
    // A demo account, enrolled by the seed with the demo secret.
    const second = await completeSecondFactor(
      baseUrl,
      mustEnv('DATABASE_URL'),
      login,
      challengeToken,
    );
    expect(second.status).toBe(200);
    return caller(baseUrl, String(second.body.accessToken));
  }
  const enrolment = await anonymous('POST', '/api/v1/auth/login/enrolment/totp', {
    challengeToken,
  });
  expect(enrolment.status).toBe(200);
  const code = await generate({ secret: enrolment.body.secret, period: 30 });
  const confirmed = await anonymous('POST', '/api/v1/auth/login/enrolment/totp/confirm', {
    challengeToken,
    code,
  });
  expect(confirmed.status).toBe(200);
  return caller(baseUrl, String(confirmed.body.accessToken));
}

type Entry = { type: string; actorRole: string; data: Record<string, unknown> };

describe('the case in a network (R30, R31)', () => {
  let stack: ApiStack;
  let dir: string;
  let sender: Caller;
  let admin: Caller;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ariadne-policy-'));
    const policyFile = join(dir, 'policies.json');
    writeFileSync(policyFile, JSON.stringify([ZZ]));
    await seed();
    stack = await startApiStack({
      ARIADNE_POLICY_FILE: policyFile,
      ARIADNE_ALLOW_TEST_POLICIES: 'true',
    });
    sender = await stack.as(`${SENDER}-cw`);
    admin = await signIn(stack.baseUrl, `${HQ}-admin`);
  });
  afterAll(async () => {
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(as: Caller = sender): Promise<string> {
    const res = await as('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  async function timeline(caseId: string, as: Caller = sender): Promise<Entry[]> {
    const res = await as('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(res.status).toBe(200);
    return res.body;
  }

  async function register(kind: string, allowedFactKinds: string[]): Promise<HttpResult['body']> {
    const res = await admin('POST', '/api/v1/admin/partners', { kind, allowedFactKinds });
    expect([res.status, res.body.partner?.country ?? res.body]).toEqual([201, 'ZZ']);
    return res.body;
  }

  const facts = (token: string | undefined, caseId: string, body: unknown): Promise<HttpResult> =>
    caller(stack.baseUrl, token)('POST', `/api/v1/integration/cases/${caseId}/facts`, body);

  it('partner facts: 202, taken once, refusals recorded for her caseworker to resolve; 401, 403, 400, 404', async () => {
    const police = await register('police', ['identification-decision']);
    const shelter = await register('shelter', ['shelter-check-in']);
    expect(police.token).toMatch(/^ptn\.partner-zz-[0-9a-f]{12}\./);
    const caseId = await open();
    const rg = {
      factId: 'zz-pol-1',
      kind: 'identification-decision',
      outcome: 'reasonable-grounds',
    };

    // Who may speak: a registered, unrevoked partner with its own secret; only its kinds.
    expect((await facts(undefined, caseId, rg)).status).toBe(401);
    const wrongSecret = police.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await facts(wrongSecret, caseId, rg)).status).toBe(401);
    expect((await facts('ptn.partner-zz-000000000000.' + 'x'.repeat(43), caseId, rg)).status).toBe(
      401,
    );
    const staffToken = await facts(undefined, caseId, rg);
    expect(staffToken.body.type).toMatch(/invalid-partner$/);
    const notItsKind = await facts(shelter.token, caseId, rg);
    expect([notItsKind.status, notItsKind.body.rule]).toEqual([403, 'R30']);

    // Malformed: 400 naming the field, never echoing the value.
    const noOutcome = await facts(police.token, caseId, {
      factId: 'zz-pol-x',
      kind: 'identification-decision',
    });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome']);
    const badId = await facts(police.token, caseId, { ...rg, factId: 'a name with spaces' });
    expect([badId.status, badId.body.errors[0].field]).toEqual([400, 'factId']);
    expect(JSON.stringify(badId.body)).not.toContain('a name with spaces');
    const badKind = await facts(police.token, caseId, { ...rg, kind: 'rumour' });
    expect([badKind.status, badKind.body.errors[0].field]).toEqual([400, 'kind']);

    // Another country's case is no case for this partner (P3).
    const seCase = await open(await stack.as('se-ngo-1-cw-1'));
    expect((await facts(police.token, seCase, rg)).status).toBe(404);

    // The same fact twice, then a second decision that R1 refuses.
    expect(await facts(police.token, caseId, rg)).toMatchObject({
      status: 202,
      body: { status: 'accepted' },
    });
    expect((await facts(police.token, caseId, rg)).status).toBe(202);
    expect((await facts(police.token, caseId, { ...rg, factId: 'zz-pol-2' })).status).toBe(202);
    const events = await eventually(async () => {
      const t = await timeline(caseId);
      return t.some((e) => e.type === 'PartnerFactRefused') ? t : undefined;
    }, 'the refused fact');
    // Signals are taken in order: both deliveries of zz-pol-1 were handled before zz-pol-2.
    const decided = events.filter((e) => e.type === 'IdentificationDecided');
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({
      actorRole: 'partner',
      data: { outcome: 'reasonable-grounds' },
    });
    expect(events.filter((e) => e.type === 'ReflectionPeriodStarted')).toHaveLength(1);
    const refusal = events.find((e) => e.type === 'PartnerFactRefused')!;
    expect(refusal.data).toEqual({
      factId: expect.stringMatching(/^fact-[0-9a-f]{32}$/),
      factKind: 'identification-decision',
      partnerId: police.partner.id,
      rule: 'R1',
      refusedAt: expect.any(String),
    });
    expect(JSON.stringify(events)).not.toContain('zz-pol-');

    // Her caseworker sees it, may resolve it, and it is gone.
    const listed = await sender('GET', `/api/v1/cases/${caseId}/refused-facts`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ rule: 'R1', partnerId: police.partner.id }),
    ]);
    type RefusedTask = { caseId: string; rule: string; factKind: string };
    const tasks = async (): Promise<RefusedTask[]> =>
      ((await sender('GET', '/api/v1/tasks')).body.refusedFacts as RefusedTask[]).filter(
        (t) => t.caseId === caseId,
      );
    expect(await tasks()).toEqual([
      expect.objectContaining({ rule: 'R1', factKind: 'identification-decision' }),
    ]);
    const actions = await sender('GET', `/api/v1/cases/${caseId}/actions`);
    expect(actions.body.actions.map((a: { type: string }) => a.type)).toContain(
      'ResolveRefusedFact',
    );
    const resolved = await sender('POST', `/api/v1/cases/${caseId}/refused-facts/resolution`, {
      factId: refusal.data['factId'],
    });
    expect(resolved.status).toBe(200);
    expect((await sender('GET', `/api/v1/cases/${caseId}/refused-facts`)).body.items).toEqual([]);
    expect(await tasks()).toEqual([]);
    const again = await sender('POST', `/api/v1/cases/${caseId}/refused-facts/resolution`, {
      factId: refusal.data['factId'],
    });
    expect([again.status, again.body.rule]).toEqual([409, 'R30']);

    // A shelter check-in without an open accommodation need breaks R2: refused, recorded.
    expect(
      (await facts(shelter.token, caseId, { factId: 's-1', kind: 'shelter-check-in' })).status,
    ).toBe(202);
    await eventually(async () => {
      const t = await timeline(caseId);
      const r = t.filter((e) => e.type === 'PartnerFactRefused');
      return r.length === 2 && r[1]!.data['rule'] === 'R2' ? r : undefined;
    }, 'the refused check-in');

    // Revoked: its secret stops working at once.
    const revoked = await admin('POST', `/api/v1/admin/partners/${police.partner.id}/revocation`);
    expect([revoked.status, typeof revoked.body.revokedAt]).toEqual([200, 'string']);
    expect((await facts(police.token, caseId, { ...rg, factId: 'zz-pol-3' })).status).toBe(401);
    // Another country's admin does not see or revoke it.
    const seAdmin = await signIn(stack.baseUrl, 'se-admin');
    expect(
      (await seAdmin('POST', `/api/v1/admin/partners/${shelter.partner.id}/revocation`)).status,
    ).toBe(404);
    expect((await seAdmin('GET', '/api/v1/admin/partners')).body.items).not.toContainEqual(
      expect.objectContaining({ id: shelter.partner.id }),
    );
  });

  it('transfer within the country: the receiver’s supervisor accepts; the case and its timers continue there', async () => {
    const caseId = await open();
    const receiverSup = await signIn(stack.baseUrl, `${RECEIVER}-sup`);
    const receiverCw = await stack.as(`${RECEIVER}-cw`);

    // Same country only; her consent recorded.
    const abroad = await sender('POST', `/api/v1/cases/${caseId}/transfer`, {
      receivingOrganisationId: 'se-ngo-1',
      communication: HER,
    });
    expect([abroad.status, abroad.body.rule, abroad.body.errors?.[0]?.field]).toEqual([
      422,
      'R31',
      'receivingOrganisationId',
    ]);
    const noConsent = await sender('POST', `/api/v1/cases/${caseId}/transfer`, {
      receivingOrganisationId: RECEIVER,
    });
    expect(noConsent.status).toBe(400);
    const proposed = await sender('POST', `/api/v1/cases/${caseId}/transfer`, {
      receivingOrganisationId: RECEIVER,
      communication: HER,
    });
    expect(proposed.status).toBe(200);

    // The receiver sees it waiting (not the case), its caseworker cannot answer.
    const incoming = await receiverSup('GET', '/api/v1/transfers');
    expect(incoming.body.incoming).toEqual([
      expect.objectContaining({ caseId, fromOrganisationId: SENDER, status: 'proposed' }),
    ]);
    expect((await receiverSup('GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
    const byCaseworker = await receiverCw('POST', `/api/v1/cases/${caseId}/transfer/answer`, {
      response: 'accepted',
      assigneeId: `${RECEIVER}-cw`,
    });
    expect(byCaseworker.status).toBe(404);
    const senderAnswers = await (
      await signIn(stack.baseUrl, `${SENDER}-sup`)
    )('POST', `/api/v1/cases/${caseId}/transfer/answer`, {
      response: 'accepted',
      assigneeId: `${SENDER}-cw`,
    });
    expect(senderAnswers.status).toBe(404);
    const wrongAssignee = await receiverSup('POST', `/api/v1/cases/${caseId}/transfer/answer`, {
      response: 'accepted',
      assigneeId: `${SENDER}-cw`,
    });
    expect([wrongAssignee.status, wrongAssignee.body.rule]).toEqual([422, 'R22']);

    const accepted = await receiverSup('POST', `/api/v1/cases/${caseId}/transfer/answer`, {
      response: 'accepted',
      assigneeId: `${RECEIVER}-cw`,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ organisationId: RECEIVER, assigneeId: `${RECEIVER}-cw` });

    // The sender keeps the record only; its staff lose the case.
    expect((await sender('GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
    expect((await sender('GET', `/api/v1/cases/${caseId}/timeline`)).status).toBe(404);
    const stub = await sender('GET', '/api/v1/transfers?status=all');
    expect(stub.body.outgoing).toContainEqual(
      expect.objectContaining({ caseId, toOrganisationId: RECEIVER, status: 'accepted' }),
    );
    expect((await receiverCw('GET', `/api/v1/cases/${caseId}`)).body.organisationId).toBe(RECEIVER);
    // Operators find it under the receiver in Temporal too (search attribute AriadneOrganisation).
    const temporal = stack.api.get(Client, { strict: false });
    await eventually(async () => {
      const described = await temporal.workflow.getHandle(caseId).describe();
      const org = described.typedSearchAttributes.get(SA.organisation);
      return org === RECEIVER ? org : undefined;
    }, 'the organisation search attribute');
    const steps = (await timeline(caseId, receiverCw)).map((e) => e.type);
    expect(steps).toEqual(['CaseOpened', 'TransferProposed', 'TransferAccepted']);

    // Its timer keeps running: the identification reminder (15 s after opening) reaches the
    // receiver's caseworker, and nobody at the sender.
    type Item = { caseId: string; kind: string; deadline: string };
    const inbox = async (as: Caller): Promise<Item[]> =>
      (await as('GET', '/api/v1/inbox')).body.items.filter((i: Item) => i.caseId === caseId);
    const reminded = await eventually(async () => {
      const items = await inbox(receiverCw);
      return items.length > 0 ? items : undefined;
    }, 'the reminder at the receiver');
    expect(reminded).toEqual([
      expect.objectContaining({ kind: 'reminder', deadline: 'identification-decision' }),
    ]);
    expect(await inbox(sender)).toEqual([]);
  });

  it('a declined transfer leaves the case where it was; an unanswered one can be withdrawn', async () => {
    const caseId = await open();
    const receiverSup = await signIn(stack.baseUrl, `${RECEIVER}-sup`);
    const propose = () =>
      sender('POST', `/api/v1/cases/${caseId}/transfer`, {
        receivingOrganisationId: RECEIVER,
        communication: HER,
      });
    expect((await propose()).status).toBe(200);
    const declined = await receiverSup('POST', `/api/v1/cases/${caseId}/transfer/answer`, {
      response: 'declined',
    });
    expect(declined.status).toBe(204);
    expect((await sender('GET', `/api/v1/cases/${caseId}`)).body.organisationId).toBe(SENDER);
    expect((await propose()).status).toBe(200);
    expect((await sender('POST', `/api/v1/cases/${caseId}/transfer/withdrawal`, {})).status).toBe(
      200,
    );
    const late = await receiverSup('POST', `/api/v1/cases/${caseId}/transfer/answer`, {
      response: 'accepted',
      assigneeId: `${RECEIVER}-cw`,
    });
    expect(late.status).toBe(404);
    const records = await sender('GET', '/api/v1/transfers?status=all');
    expect(
      records.body.outgoing
        .filter((t: { caseId: string }) => t.caseId === caseId)
        .map((t: { status: string }) => t.status),
    ).toEqual(['withdrawn', 'declined']);
  });
});
