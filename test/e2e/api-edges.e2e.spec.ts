/**
 * What a browser-facing API meets from outside, over EVERY route the router serves (discovered,
 * not listed, so a new route is covered the day it lands):
 * - one case id everywhere: a route under /cases/{caseId} accepts the UUID in any case, and a
 *   malformed id answers exactly like a missing case (404, same body);
 * - bad input is a clear 4xx problem+json that quotes nothing of the request (P1): a body over
 *   the limit (413), JSON that does not parse (400), nesting 40 KB deep (400), a NUL character
 *   (400), prototype keys (400 naming the field), an unknown route (404, fixed body);
 * - every /api answer says `Cache-Control: no-store`.
 */
import { type ApiStack, type Caller, startApiStack } from '../support/stack';
import { loginWithSecondFactor } from '../support/second-factor';

jest.setTimeout(120_000);

/** A route answering every HTTP verb is middleware, not an endpoint (as in the authz matrix). */
const EVERY_VERB = 30;
const DOCS_UI = /^\/api\/docs(\/|$)/;

interface Route {
  readonly method: string;
  /** With `{param}` placeholders. */
  readonly path: string;
}

/** Every (method, path) Express routes. */
function routes(stack: ApiStack): Route[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Express internals
  const app: any = stack.api.getHttpAdapter().getInstance();
  const router = app.router ?? app._router;
  const out: Route[] = [];
  for (const layer of router.stack as Array<{
    route?: { path: string; methods: Record<string, boolean> };
  }>) {
    if (!layer.route || DOCS_UI.test(layer.route.path)) continue;
    const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
    if (methods.length >= EVERY_VERB) continue;
    for (const method of methods) out.push({ method: method.toUpperCase(), path });
  }
  return out;
}

interface Raw {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function raw(
  baseUrl: string,
  method: string,
  path: string,
  init: { token?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Raw> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Other path parameters: ids of the shape the routes expect (the records need not exist). */
function fill(path: string, caseId: string): string {
  return path
    .replace('{caseId}', caseId)
    .replace(/\{(\w+)Id\}/g, (_, prefix: string) => `${prefix}-1`)
    .replace(/\{(\w+)\}/g, 'x-1');
}

const SECRET = 'Zq7secretvalue';

describe('the API at its edges, over every route', () => {
  let stack: ApiStack;
  let all: Route[];
  let caseRoutes: Route[];
  let cw: Caller;
  let supToken: string;
  /** For the admin routes, which a supervisor may not reach past their role check. */
  let adminToken: string;
  let caseId: string;

  beforeAll(async () => {
    stack = await startApiStack();
    all = routes(stack);
    // Staff routes: the integration route takes partner credentials (a staff token gets 401
    // before any id is read); network.e2e.spec.ts checks its ids with a partner's.
    caseRoutes = all.filter(
      (r) => r.path.includes('{caseId}') && !r.path.startsWith('/api/v1/integration/'),
    );
    cw = await stack.as('se-ngo-1-cw-1');
    const login = await loginWithSecondFactor(
      stack.baseUrl,
      'se-ngo-1-sup',
      'e2e-only-demo-password',
    );
    supToken = String(login.body.accessToken);
    const admin = await loginWithSecondFactor(stack.baseUrl, 'se-admin', 'e2e-only-demo-password');
    adminToken = String(admin.body.accessToken);
    const opened = await cw('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(opened.status).toBe(201);
    caseId = String(opened.body.caseId);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('discovers the case routes (reads and commands alike)', () => {
    const paths = caseRoutes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /api/v1/cases/{caseId}',
        'GET /api/v1/cases/{caseId}/actions',
        'GET /api/v1/cases/{caseId}/deadlines',
        'GET /api/v1/cases/{caseId}/readiness',
        'POST /api/v1/cases/{caseId}/identification',
      ]),
    );
    expect(caseRoutes.length).toBeGreaterThan(30);
  });

  describe('one case id everywhere', () => {
    it('every case route agrees on an upper-case id: the same answer as for the lower-case one', async () => {
      const upper = caseId.toUpperCase();
      const disagreements: string[] = [];
      for (const r of caseRoutes) {
        // Commands: a stale If-Match, so that a command the route would accept changes nothing.
        const headers: Record<string, string> = r.method === 'GET' ? {} : { 'if-match': '"999"' };
        const body = r.method === 'GET' ? undefined : {};
        const lower = await cw(r.method, fill(r.path, caseId), body, headers);
        const up = await cw(r.method, fill(r.path, upper), body, headers);
        // A route with other ids too (a referral's) may rightly not find this case's: the two
        // answers must agree; a route of the case alone must find it either way.
        const caseAlone = !/\{(?!caseId\})\w+\}/.test(r.path);
        if (up.status !== lower.status || (caseAlone && up.status === 404)) {
          disagreements.push(`${r.method} ${r.path}: ${lower.status} vs ${up.status}`);
        }
        if (up.status === 200 && up.body && typeof up.body === 'object' && 'caseId' in up.body) {
          if (up.body.caseId !== caseId) disagreements.push(`${r.path}: caseId not normalised`);
        }
      }
      expect(disagreements).toEqual([]);
    });

    it('every case route answers a malformed id exactly as a missing case', async () => {
      const missing = await cw(
        'GET',
        `/api/v1/cases/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      );
      expect(missing.status).toBe(404);
      const malformed = ['not-a-uuid', `${caseId}0`, caseId.replace(/-/g, ''), '%00', '12345'];
      const wrong: string[] = [];
      for (const r of caseRoutes) {
        for (const id of malformed) {
          const res = await cw(r.method, fill(r.path, id), r.method === 'GET' ? undefined : {});
          if (res.status !== 404 || JSON.stringify(res.body) !== JSON.stringify(missing.body)) {
            wrong.push(`${r.method} ${r.path} [${id}]: ${res.status}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('bad input is a clear 4xx that quotes nothing', () => {
    const problemJson = (r: Raw): void => {
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    };

    it('a body over the limit: 413 on every route, before anything else', async () => {
      const big = JSON.stringify({ login: 'x'.repeat(200 * 1024) });
      const wrong: string[] = [];
      for (const r of all) {
        if (r.method === 'GET' || r.method === 'HEAD') continue;
        const res = await raw(stack.baseUrl, r.method, fill(r.path, caseId), { body: big });
        if (res.status !== 413 || !/problem\+json/.test(res.headers.get('content-type') ?? '')) {
          wrong.push(`${r.method} ${r.path}: ${res.status}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('JSON that does not parse: 400 with a fixed message, none of the body', async () => {
      for (const r of all.filter((x) => x.method !== 'GET' && x.method !== 'HEAD')) {
        const res = await raw(stack.baseUrl, r.method, fill(r.path, caseId), {
          body: `{"login": "${SECRET}", oops`,
          token: supToken,
        });
        expect([r.path, res.status]).toEqual([r.path, 400]);
        problemJson(res);
        expect(res.text).not.toMatch(/Zq7|secret|oops|login/);
      }
    });

    /** Routes that read a body (a requestBody in the OpenAPI document). */
    async function bodyRoutes(): Promise<Route[]> {
      const doc = (await stack.anonymous('GET', '/api/openapi.json')).body as {
        paths: Record<string, Record<string, { requestBody?: { content?: object } }>>;
      };
      // JSON bodies read with a staff token. Not here: a route whose body is a file (the HTCDS
      // template: any other body is 415, tested in htcds.e2e.spec.ts), and the partner route,
      // which refuses a staff token (401) before it reads a body (network.e2e.spec.ts).
      return all.filter((r) => {
        const content = doc.paths[r.path]?.[r.method.toLowerCase()]?.requestBody?.content;
        return (
          content !== undefined &&
          'application/json' in content &&
          !r.path.startsWith('/api/v1/integration/')
        );
      });
    }

    it.each([
      ['JSON nested 40 KB deep', '['.repeat(20_000) + ']'.repeat(20_000), /nest deeper/],
      [
        'an object nested 40 KB deep',
        '{"a":'.repeat(8_000) + '1' + '}'.repeat(8_000),
        /nest deeper/,
      ],
      ['a NUL character', JSON.stringify({ login: `a\u0000${SECRET}`, password: 'x' }), /NUL/],
      ['__proto__', `{"__proto__": {"isAdmin": true}, "login": "x", "password": "x"}`, /__proto__/],
      [
        'constructor',
        `{"constructor": {"prototype": {}}, "login": "x", "password": "x"}`,
        /constructor/,
      ],
      ['prototype', `{"prototype": 1, "login": "x", "password": "x"}`, /prototype/],
    ])(
      '%s: 400 naming the rule or field on every route that reads a body',
      async (_, body, says) => {
        const routesWithBody = await bodyRoutes();
        expect(routesWithBody.map((r) => r.path)).toEqual(
          expect.arrayContaining(['/api/v1/auth/login', '/api/v1/cases']),
        );
        const wrong: string[] = [];
        for (const r of routesWithBody) {
          const res = await raw(stack.baseUrl, r.method, fill(r.path, caseId), {
            body,
            token: r.path.startsWith('/api/v1/auth/login')
              ? undefined
              : r.path.startsWith('/api/v1/admin/')
                ? adminToken
                : supToken,
          });
          const ok =
            res.status === 400 &&
            /problem\+json/.test(res.headers.get('content-type') ?? '') &&
            says.test(res.text) &&
            !res.text.includes(SECRET);
          if (!ok) wrong.push(`${r.method} ${r.path}: ${res.status} ${res.text.slice(0, 120)}`);
        }
        expect(wrong).toEqual([]);
        // Routes without a body ignore it, but never fail on it.
        for (const r of all.filter((x) => x.method === 'POST' && !routesWithBody.includes(x))) {
          const res = await raw(stack.baseUrl, r.method, fill(r.path, caseId), {
            body,
            token: supToken,
          });
          expect([r.path, res.status < 500]).toEqual([r.path, true]);
        }
      },
    );

    it('the login refuses a NUL in the login field by name (no 500 from PostgreSQL)', async () => {
      const res = await stack.anonymous('POST', '/api/v1/auth/login', {
        login: `se-ngo-1-cw-1\u0000`,
        password: 'e2e-only-demo-password',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'login', message: 'must not contain a NUL character' },
      ]);
    });

    it('a body that is not JSON: 415, not silently dropped', async () => {
      const res = await raw(stack.baseUrl, 'POST', '/api/v1/auth/login', {
        body: `login=${SECRET}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(415);
      problemJson(res);
      expect(res.text).not.toContain(SECRET);
    });

    it.each([
      ['GET', `/api/v1/${SECRET}`],
      ['GET', `/api/v1/cases/${caseIdLike()}/${SECRET}`],
      ['POST', `/api/${SECRET}`],
      ['DELETE', '/api/v1/cases'],
      ['GET', `/health/${SECRET}`],
      ['GET', `/metrics/${SECRET}`],
      // Metrics have a listener of their own (METRICS_LISTEN), never the API's port.
      ['GET', '/metrics'],
    ])(
      'an unknown route (%s %s): a fixed 404 that does not echo the path',
      async (method, path) => {
        const res = await raw(stack.baseUrl, method, path, { token: supToken });
        expect(res.status).toBe(404);
        problemJson(res);
        expect(JSON.parse(res.text)).toEqual({
          type: 'https://ariadne.invalid/problems/not-found',
          title: 'No such resource',
          status: 404,
        });
        expect(res.headers.get('cache-control')).toBe('no-store');
      },
    );
  });

  it('every /api answer says Cache-Control: no-store (reads, commands, errors)', async () => {
    const wrong: string[] = [];
    for (const r of all.filter((x) => x.path.startsWith('/api/'))) {
      const res = await raw(stack.baseUrl, r.method, fill(r.path, caseId), {
        token: supToken,
        ...(r.method === 'GET' ? {} : { body: '{}' }),
      });
      if (!/no-store/.test(res.headers.get('cache-control') ?? '')) {
        wrong.push(`${r.method} ${r.path}: ${res.headers.get('cache-control')}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

function caseIdLike(): string {
  return '5f0c2a4e-9b1d-4c3e-8f7a-1b2c3d4e5f60';
}
