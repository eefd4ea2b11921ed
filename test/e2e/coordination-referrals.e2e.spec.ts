/**
 * Names for the boards (issue 8), over the real stack: GET /organisations (the organisations
 * whose names a caller's boards show: her own, or her country's).
 */
import { type ApiStack, type Caller, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

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
});
