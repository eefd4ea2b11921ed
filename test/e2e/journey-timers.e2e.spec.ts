/**
 * What the case's own timers do, seen through the API, under a test policy of seconds (country
 * ZZ, accepted only with ARIADNE_ALLOW_TEST_POLICIES): the reflection period ends by its timer
 * and opens the return gate (R7, R14, R15, R17); a reminder and an escalation reach the right
 * inboxes and nobody else's (R20).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CountryPolicy, DEFAULT_POLICIES } from '@ariadne/domain';
import { createDataSource, hashPassword, IdentityRepository } from '@ariadne/persistence';
import { enrolTestTotp } from '../support/second-factor';
import {
  type ApiStack,
  type Caller,
  DEMO_PASSWORD,
  type HttpResult,
  startApiStack,
} from '../support/stack';

jest.setTimeout(60_000);

const HER = { language: 'ro', interpreterUsed: true };
const DAYS = 'P30D';

/**
 * Reflection ends 3 s after reasonable grounds; identification is reminded at 2 s and escalated
 * at 5 s; her personal data is erased 2 s after closure.
 */
const ZZ: CountryPolicy = {
  ...DEFAULT_POLICIES.SE,
  country: 'ZZ',
  version: 'journey-timers-test',
  testOnly: true,
  reflection: { ...DEFAULT_POLICIES.SE.reflection, period: 'PT3S' },
  deadlines: {
    identificationDecision: 'PT4S',
    rightsInformation: DAYS,
    healthCheckOffered: DAYS,
    riskAssessment: DAYS,
    needsAssessment: DAYS,
  },
  reminderBefore: 'PT2S',
  escalateAfter: 'PT1S',
  stalledAfter: DAYS,
  followUpsAfterReturn: [DAYS],
  retentionAfterClosure: 'PT2S',
};

const ORG = 'zz-ngo-1';

async function seedTestOrganisation(): Promise<void> {
  const ds = await createDataSource(process.env.DATABASE_URL!).initialize();
  try {
    const repo = new IdentityRepository(ds.manager);
    await repo.insertOrganisationIfAbsent({
      id: ORG,
      country: 'ZZ',
      type: 'NGO',
      name: 'Test NGO (ZZ)',
    });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [suffix, role] of [
      ['cw-1', 'caseworker'],
      ['cw-2', 'caseworker'],
      ['sup', 'supervisor'],
    ] as const) {
      const id = `${ORG}-${suffix}`;
      await repo.insertUserIfAbsent({
        id,
        organisationId: ORG,
        role,
        displayName: `Test ${role}`,
        login: id,
        passwordHash,
        active: true,
      });
    }
    // A supervisor must use a second factor: enrolled as the demo's are.
    await enrolTestTotp(ds, `${ORG}-sup`);
  } finally {
    await ds.destroy();
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the case’s timers through the API (test policy ZZ)', () => {
  let stack: ApiStack;
  let dir: string;
  let caseworker: Caller;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ariadne-policy-'));
    const policyFile = join(dir, 'policies.json');
    writeFileSync(policyFile, JSON.stringify([ZZ]));
    await seedTestOrganisation();
    stack = await startApiStack({
      ARIADNE_POLICY_FILE: policyFile,
      ARIADNE_ALLOW_TEST_POLICIES: 'true',
    });
    caseworker = await stack.as(`${ORG}-cw-1`);
  });
  afterAll(async () => {
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<string> {
    const res = await caseworker('POST', '/api/v1/cases', { referralSource: 'helpline' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ country: 'ZZ', policyVersion: ZZ.version });
    return res.body.caseId;
  }

  function on(caseId: string) {
    return async (path: string, body: unknown = {}): Promise<HttpResult['body']> => {
      const res = await caseworker('POST', `/api/v1/cases/${caseId}/${path}`, body);
      expect([path, res.status, res.status === 200 ? undefined : res.body]).toEqual([
        path,
        200,
        undefined,
      ]);
      return res.body;
    };
  }

  async function readiness(caseId: string): Promise<HttpResult['body']> {
    const res = await caseworker('GET', `/api/v1/cases/${caseId}/readiness`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it('return: the gate stays shut during reflection, her withdrawal suspends it, then she departs and is followed up', async () => {
    const caseId = await open();
    const cmd = on(caseId);
    await cmd('identification', { outcome: 'reasonable-grounds', decidedBy: 'police' });
    await cmd('pathway', { pathway: 'return', communication: HER });

    // R14 as a checklist; R7: no departure while the period runs.
    const before = await readiness(caseId);
    expect(before).toMatchObject({ applicable: true, pathway: 'return', ready: false });
    expect(
      before.items.find((i: { item: string }) => i.item === 'reflection-period-over'),
    ).toMatchObject({
      met: false,
      reason: expect.stringContaining('R7'),
    });
    const tooSoon = await caseworker('POST', `/api/v1/cases/${caseId}/departure/execution`, {});
    expect([tooSoon.status, tooSoon.body.rule]).toEqual([409, 'R7']);

    // Everything the gate needs, recorded through its own path.
    await cmd('assessments/needs', { needs: ['financial'] });
    await cmd('assessments/risk', {
      scope: 'departure',
      pathway: 'return',
      level: 'low',
      protectionMeasures: [],
      acceptable: true,
    });
    await cmd('consents', { scope: { kind: 'return' }, communication: HER });
    await cmd('consents', {
      scope: {
        kind: 'data-sharing',
        recipientOrganisationId: 'ro-recv-1',
        purpose: 'return-reception',
        categories: ['return'],
      },
      communication: HER,
    });
    await cmd('referrals', {
      recipientOrganisationId: 'ro-recv-1',
      recipientCountry: 'RO',
      purpose: 'return-reception',
      categories: ['return'],
      personal: { return: { destinationCountry: 'RO', contacts: 'Reception desk, Iasi' } },
    });
    // R18: the receiving organisation accepts it itself.
    const receiver = await stack.as('ro-recv-1-cw-1');
    const answered = await receiver(
      'POST',
      `/api/v1/referrals/received/${caseId}/referral-1/answer`,
      { response: 'accepted' },
    );
    expect(answered.status).toBe(200);
    await cmd('departure/reintegration-plan', {
      pathway: 'return',
      personal: { return: { amount: '2000 EUR' } },
    });
    await cmd('departure/funding-approved', { pathway: 'return' });
    await cmd('departure/contacts-given', { pathway: 'return' });
    await cmd('departure/legal-status-considered');
    await cmd('departure/travel', {
      pathway: 'return',
      personal: { return: { itinerary: 'Bus' } },
    });

    // R15: she withdraws her consent to return; the return is suspended, nothing else is lost.
    const withdrawn = await cmd('consents/consent-1/withdrawal', { communication: HER });
    expect(withdrawn.pathway).toBe('undecided');
    expect((await readiness(caseId)).applicable).toBe(false);
    await cmd('pathway', { pathway: 'return', communication: HER });
    await cmd('consents', { scope: { kind: 'return' }, communication: HER });

    // R7: the reflection period ends by its own timer; then the whole gate holds.
    await eventually(async () => {
      const s = await caseworker('GET', `/api/v1/cases/${caseId}`);
      return s.body.reflectionEndedAt ?? undefined;
    }, 'the end of the reflection period');
    const ready = await readiness(caseId);
    expect(ready).toMatchObject({ applicable: true, ready: true });
    const actions = await caseworker('GET', `/api/v1/cases/${caseId}/actions`);
    expect(actions.body.actions.map((a: { type: string }) => a.type)).toContain('ExecuteReturn');

    const departed = await cmd('departure/execution');
    expect(departed).toMatchObject({ phase: 'follow-up', returnReadiness: 'not-applicable' });

    // R17: follow-up after return.
    const after = await caseworker('GET', `/api/v1/cases/${caseId}/actions`);
    const types = after.body.actions.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['RecordFollowUp', 'RecordReTraffickingRisk']));
    expect(types).not.toContain('ExecuteReturn');
    const due = await caseworker('GET', `/api/v1/cases/${caseId}/deadlines`);
    expect(due.body.deadlines).toEqual([
      expect.objectContaining({ deadline: 'follow-up-1', rule: 'R17', status: 'pending' }),
    ]);
    await cmd('follow-ups', { contact: 'reached', personal: { return: { notes: 'Settled' } } });
    await cmd('return-financial-assistance', { personal: { return: { amount: '500 EUR' } } });
    await cmd('re-trafficking-risk', { risk: 'flagged' });
    await cmd('re-trafficking-risk', { risk: 'cleared' });
    // The referral carried only what she consented to share, readable on her timeline.
    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    const sent = timeline.body.find((e: { type: string }) => e.type === 'CrossBorderReferralSent');
    expect(sent.data).toMatchObject({
      recipientOrganisationId: 'ro-recv-1',
      categories: ['return'],
      consentId: 'consent-2',
      personal: { return: { destinationCountry: 'RO', contacts: 'Reception desk, Iasi' } },
    });
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ReturnSuspended', 'ReflectionPeriodEnded', 'ReturnExecuted']),
    );
    const closed = await cmd('closure', { reason: 'follow-up-completed' });
    expect(closed.status).toBe('closed');
  });

  it('after closure and the retention period her personal data reads {"erased": true} (R23, P7)', async () => {
    const caseId = await open();
    const cmd = on(caseId);
    await cmd('person-details', {
      personal: { identity: { givenName: 'Ana', nationality: 'MD' } },
    });
    await cmd('closure', { reason: 'she-ended-contact' });
    // Erased, the case is final: nothing is offered any more, not even a reopening.
    await eventually(async () => {
      const res = await caseworker('GET', `/api/v1/cases/${caseId}/actions`);
      return res.body.actions.length === 0 ? true : undefined;
    }, 'the erasure');
    const timeline = await caseworker('GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const types = timeline.body.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'CaseOpened',
      'PersonDetailsRecorded',
      'CaseClosed',
      'PersonalDataErased',
    ]);
    expect(timeline.body[1].data).toEqual({
      recordedAt: expect.any(String),
      personal: { identity: { erased: true } },
    });
    expect(JSON.stringify(timeline.body)).not.toContain('Ana');
    // The anonymised facts survive.
    expect(timeline.body[2].data).toMatchObject({ reason: 'she-ended-contact' });
  });

  it('inbox: the reminder reaches her caseworker, the escalation her organisation’s supervisors, and nobody else (R20)', async () => {
    const caseId = await open();
    const supervisor = await stack.as(`${ORG}-sup`);
    const colleague = await stack.as(`${ORG}-cw-2`);
    const otherSupervisor = await stack.as('se-ngo-1-sup');
    type Item = {
      id: string;
      kind: string;
      caseId: string;
      deadline: string;
      readAt: string | null;
    };
    const inboxOf = async (as: Caller, query = ''): Promise<Item[]> => {
      const res = await as('GET', `/api/v1/inbox${query}`);
      expect(res.status).toBe(200);
      return res.body.items.filter((i: Item) => i.caseId === caseId);
    };

    // No identification decision within 4 s: reminded at 2 s, escalated at 5 s.
    const [escalation] = await eventually(async () => {
      const items = await inboxOf(supervisor);
      return items.length > 0 ? items : undefined;
    }, 'the escalation');
    expect(escalation).toMatchObject({
      kind: 'escalation',
      deadline: 'identification-decision',
      addressedTo: 'supervisors',
      readAt: null,
    });
    const mine = await inboxOf(caseworker);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        deadline: 'identification-decision',
        addressedTo: 'you',
        dueAt: expect.any(String),
      }),
    ]);
    const reminder = mine[0]!;
    expect(await inboxOf(colleague)).toEqual([]);
    expect(await inboxOf(otherSupervisor)).toEqual([]);

    // Both are recorded facts on the case (R20).
    const due = await caseworker('GET', `/api/v1/cases/${caseId}/deadlines`);
    expect(due.body.deadlines[0]).toMatchObject({
      deadline: 'identification-decision',
      status: 'overdue',
      remindedAt: expect.any(String),
      escalatedAt: expect.any(String),
    });

    // Only her own (or her role's) notifications can be marked read; others are 404.
    for (const [as, id] of [
      [colleague, reminder.id],
      [supervisor, reminder.id],
      [caseworker, escalation!.id],
      [otherSupervisor, escalation!.id],
      [caseworker, 'not-an-id'],
    ] as const) {
      expect((await as('POST', `/api/v1/inbox/${id}/read`)).status).toBe(404);
    }
    const read = await caseworker('POST', `/api/v1/inbox/${reminder.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await caseworker('POST', `/api/v1/inbox/${reminder.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect(await inboxOf(caseworker, '?unread=true')).toEqual([]);
    expect((await inboxOf(caseworker, '?unread=false&limit=200'))[0]?.readAt).toBe(
      read.body.readAt,
    );
    expect((await supervisor('POST', `/api/v1/inbox/${escalation!.id}/read`)).status).toBe(200);
    expect(await inboxOf(supervisor, '?unread=true')).toEqual([]);

    // The query is validated like any input; roles without an inbox are refused.
    const bad = await caseworker('GET', '/api/v1/inbox?limit=0&unread=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'limit',
      'unread',
    ]);
    expect((await caseworker('GET', '/api/v1/inbox?caseId=x')).status).toBe(400);
    expect((await (await stack.as('se-admin'))('GET', '/api/v1/inbox')).status).toBe(403);
  });
});
