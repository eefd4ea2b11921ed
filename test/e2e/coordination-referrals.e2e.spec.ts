/**
 * Names and referrals for the boards (issue 8), over the real stack: GET /organisations (the
 * organisations whose names a caller's boards show: her own, or her country's) and GET
 * /coordination/referrals (the cross-border referrals of a country's cases with their answers,
 * keyset-paged, no personal data, another country's coordinator sees none of them).
 */
import { type ApiStack, type Caller, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

const HER = { language: 'ro', interpreterUsed: false };
/** A value that must never appear in a board's answer: it travels only inside the referral. */
const SECRET = 'Strada Secretului 7';

describe('organisations and cross-border referrals for the boards', () => {
  let stack: ApiStack;
  let cw: Caller;
  let coord: Caller;
  let coordNo: Caller;
  let auditor: Caller;
  let sup: Caller;

  beforeAll(async () => {
    stack = await startApiStack();
    [cw, coord, coordNo, auditor, sup] = await Promise.all([
      stack.as('se-ngo-1-cw-1'),
      stack.as('se-coordinator'),
      stack.as('no-coordinator'),
      stack.as('se-auditor'),
      stack.as('se-ngo-1-sup'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('GET /organisations', () => {
    it('a caseworker and a supervisor get their own organisation only, with its name', async () => {
      for (const as of [cw, sup]) {
        const res = await as('GET', '/api/v1/organisations');
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([
          { id: 'se-ngo-1', name: 'Demo NGO (SE)', type: 'NGO', country: 'SE' },
        ]);
      }
    });

    it("a coordinator and an auditor get every organisation of their country, and no other's", async () => {
      for (const as of [coord, auditor]) {
        const res = await as('GET', '/api/v1/organisations');
        expect(res.status).toBe(200);
        const items = res.body.items as Array<Record<string, string>>;
        expect(items.map((o) => o.id)).toEqual(
          expect.arrayContaining(['se-ngo-1', 'se-shelter-1', 'se-nc']),
        );
        for (const o of items) {
          expect(o.country).toBe('SE');
          expect(Object.keys(o).sort()).toEqual(['country', 'id', 'name', 'type']);
        }
        // By name.
        const names = items.map((o) => o.name);
        expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
      const no = await coordNo('GET', '/api/v1/organisations');
      expect((no.body.items as Array<{ country: string }>).every((o) => o.country === 'NO')).toBe(
        true,
      );
      expect(no.body.items.length).toBeGreaterThan(0);
    });

    it('answers 401 without a token', async () => {
      expect((await stack.anonymous('GET', '/api/v1/organisations')).status).toBe(401);
    });
  });

  describe('GET /coordination/referrals', () => {
    /** Opens a case and sends one referral under her consent; answers its id and reference. */
    async function referred(
      recipientCountry: string,
    ): Promise<{ caseId: string; reference: string }> {
      const opened = await cw('POST', '/api/v1/cases', { referralSource: 'police' });
      expect(opened.status).toBe(201);
      const { caseId, reference } = opened.body as { caseId: string; reference: string };
      const consent = await cw('POST', `/api/v1/cases/${caseId}/consents`, {
        scope: {
          kind: 'data-sharing',
          recipientOrganisationId: 'ro-recv-1',
          purpose: 'services',
          categories: ['contact-location'],
        },
        communication: HER,
      });
      expect(consent.status).toBe(200);
      const sent = await cw('POST', `/api/v1/cases/${caseId}/referrals`, {
        recipientOrganisationId: 'ro-recv-1',
        recipientCountry,
        purpose: 'services',
        categories: ['contact-location'],
        personal: { 'contact-location': { address: SECRET } },
      });
      expect(sent.status).toBe(200);
      return { caseId, reference };
    }

    let waiting: { caseId: string; reference: string };
    let accepted: { caseId: string; reference: string };
    let declined: { caseId: string; reference: string };

    beforeAll(async () => {
      waiting = await referred('RO');
      accepted = await referred('RO');
      declined = await referred('MD');
      // R18: the receiving organisation answers itself.
      const receiver = await stack.as('ro-recv-1-cw-1');
      for (const [c, response] of [
        [accepted, 'accepted'],
        [declined, 'declined'],
      ] as const) {
        const res = await receiver(
          'POST',
          `/api/v1/referrals/received/${c.caseId}/referral-1/answer`,
          { response },
        );
        expect(res.status).toBe(200);
      }
    });

    it('lists the referrals of her country with their answers, newest first, no personal data', async () => {
      const res = await coord('GET', '/api/v1/coordination/referrals?limit=100');
      expect(res.status).toBe(200);
      expect(res.body.country).toBe('SE');
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      const items = res.body.items as Array<Record<string, unknown>>;
      const ours = items.filter((r) =>
        [waiting.caseId, accepted.caseId, declined.caseId].includes(r.caseId as string),
      );
      expect(ours.map((r) => r.caseId)).toEqual([declined.caseId, accepted.caseId, waiting.caseId]);
      expect(ours[2]).toEqual({
        caseId: waiting.caseId,
        reference: waiting.reference,
        organisationId: 'se-ngo-1',
        referralId: 'referral-1',
        purpose: 'services',
        recipientCountry: 'RO',
        recipientOrganisationId: 'ro-recv-1',
        categories: ['contact-location'],
        status: 'sent',
        sentAt: expect.any(String),
        respondedAt: null,
      });
      expect(ours[1]).toMatchObject({ status: 'accepted', respondedAt: expect.any(String) });
      expect(ours[0]).toMatchObject({ status: 'declined', recipientCountry: 'MD' });
      expect(Date.parse(ours[0]!.respondedAt as string)).toBeGreaterThanOrEqual(
        Date.parse(ours[0]!.sentAt as string),
      );
    });

    it('filters by status', async () => {
      for (const [status, c] of [
        ['sent', waiting],
        ['accepted', accepted],
        ['declined', declined],
      ] as const) {
        const res = await coord('GET', `/api/v1/coordination/referrals?status=${status}&limit=100`);
        expect(res.status).toBe(200);
        const items = res.body.items as Array<{ caseId: string; status: string }>;
        expect(items.map((r) => r.caseId)).toContain(c.caseId);
        expect(items.every((r) => r.status === status)).toBe(true);
      }
    });

    it('pages by cursor without gaps or repeats', async () => {
      const all = await coord('GET', '/api/v1/coordination/referrals?limit=100');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await coord('GET', `/api/v1/coordination/referrals?limit=1${q}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...(page.body.items as Array<{ caseId: string }>).map((r) => r.caseId));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual((all.body.items as Array<{ caseId: string }>).map((r) => r.caseId));
      expect(seen.length).toBeGreaterThanOrEqual(3);
    });

    it("another country's coordinator sees none of them", async () => {
      const res = await coordNo('GET', '/api/v1/coordination/referrals?limit=100');
      expect(res.status).toBe(200);
      expect(res.body.country).toBe('NO');
      const ids = (res.body.items as Array<{ caseId: string }>).map((r) => r.caseId);
      expect(ids).not.toContain(waiting.caseId);
      expect(ids).not.toContain(declined.caseId);
    });

    it('refuses a bad status or cursor with 400 naming the field, and other roles with 403', async () => {
      const status = await coord('GET', '/api/v1/coordination/referrals?status=lost');
      expect(status.status).toBe(400);
      expect(JSON.stringify(status.body.errors)).toContain('status');
      expect(JSON.stringify(status.body)).not.toContain('lost');
      const other = Buffer.from(JSON.stringify({ l: 'return-readiness', p: '1' })).toString(
        'base64url',
      );
      const cursor = await coord('GET', `/api/v1/coordination/referrals?cursor=${other}`);
      expect(cursor.status).toBe(400);
      expect(cursor.body.errors[0].field).toBe('cursor');
      expect((await sup('GET', '/api/v1/coordination/referrals')).status).toBe(403);
      expect((await cw('GET', '/api/v1/coordination/referrals')).status).toBe(403);
    });
  });
});
