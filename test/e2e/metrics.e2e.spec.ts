/**
 * Operations over HTTP: Prometheus metrics without ids or personal data (P1), security headers
 * on every response, and CORS closed unless origins are configured.
 */
import type { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MetricsServer } from '../../apps/api/src/metrics/metrics-server';
import { startApiStack, uniqueTaskQueue, type ApiStack, type Caller } from '../support/stack';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

jest.setTimeout(90_000);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('operations over HTTP', () => {
  let stack: ApiStack;
  let caseworker: Caller;

  beforeAll(async () => {
    stack = await startApiStack();
    caseworker = await stack.as('se-ngo-1-cw-1');
  });
  afterAll(async () => {
    await stack?.close();
  });
  const metricsUrl = (): string => {
    const at = stack.api.get(MetricsServer).address();
    if (!at) throw new Error('the metrics listener is not running');
    return `http://${at.host}:${at.port}`;
  };

  describe('/metrics', () => {
    it('counts requests by route pattern and status, with no id or personal data', async () => {
      const opened = await caseworker('POST', '/api/v1/cases', { referralSource: 'ngo-outreach' });
      expect(opened.status).toBe(201);
      const caseId: string = opened.body.caseId;
      expect((await caseworker('GET', `/api/v1/cases/${caseId}`)).status).toBe(200);
      expect((await caseworker('GET', `/api/v1/cases/${randomUUID()}`)).status).toBe(404);
      expect((await stack.anonymous('GET', `/api/v1/cases/${caseId}`)).status).toBe(401);
      expect((await caseworker('GET', `/api/v1/no-such-thing/${caseId}`)).status).toBe(404);
      expect((await stack.anonymous('GET', '/health')).status).toBe(200);
      expect((await stack.anonymous('GET', `/elsewhere/${caseId}.json`)).status).toBe(404);

      const res = await fetch(`${metricsUrl()}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const text = await res.text();
      const line = (labels: string): RegExp =>
        new RegExp(`^http_requests_total\\{${labels}\\} \\d+$`, 'm');
      expect(text).toMatch(line('method="POST",route="/api/v1/cases",status="201"'));
      expect(text).toMatch(line('method="GET",route="/api/v1/cases/:caseId",status="200"'));
      expect(text).toMatch(line('method="GET",route="/api/v1/cases/:caseId",status="404"'));
      expect(text).toMatch(line('method="GET",route="/api/v1/cases/:caseId",status="401"'));
      expect(text).toMatch(
        /^http_requests_total\{method="GET",route="unmatched",status="404"\} 2$/m,
      );
      expect(text).toMatch(line('method="GET",route="/health",status="200"'));
      expect(text).toMatch(
        /^http_request_duration_seconds_bucket\{le="0\.5",method="GET",route="\/api\/v1\/cases\/:caseId",status="200"\} \d+$/m,
      );
      expect(text).toContain('process_resident_memory_bytes');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      // P1: no case id, no other uuid, no user id, no organisation in the exposition.
      expect(text).not.toMatch(UUID);
      expect(text).not.toContain(caseId);
      expect(text).not.toContain('se-ngo-1');
      expect(text).not.toContain('no-such-thing');
    });

    it('are served on a loopback listener of their own, not on the API port', async () => {
      const at = stack.api.get(MetricsServer).address();
      expect(at?.host).toBe('127.0.0.1');
      expect(String(at?.port)).not.toBe(new URL(stack.baseUrl).port);
      // On the API's port /metrics is an unknown route; on the listener only /metrics exists.
      expect((await stack.anonymous('GET', '/metrics')).status).toBe(404);
      expect((await fetch(`${metricsUrl()}/elsewhere`)).status).toBe(404);
      expect((await fetch(`${metricsUrl()}/metrics`, { method: 'POST' })).status).toBe(404);
      // Scrapes are not requests of the API: they do not show among its routes.
      const text = await (await fetch(`${metricsUrl()}/metrics`)).text();
      expect(text).not.toMatch(/route="\/metrics"/);
    });

    it('METRICS_LISTEN=off starts no listener; a bad value stops the start-up naming it', async () => {
      const { loadConfig, parseListen } = await import('@ariadne/config');
      const env = { DATABASE_URL: process.env.DATABASE_URL };
      expect(
        parseListen(loadConfig({ ...env, METRICS_LISTEN: 'off' }).METRICS_LISTEN),
      ).toBeUndefined();
      expect(parseListen(loadConfig(env).METRICS_LISTEN)).toEqual({
        host: '127.0.0.1',
        port: 9464,
      });
      expect(() => loadConfig({ ...env, METRICS_LISTEN: '0.0.0.0' })).toThrow(/METRICS_LISTEN/);
      expect(() => loadConfig({ ...env, WORKER_METRICS_LISTEN: 'x y:1' })).toThrow(
        /WORKER_METRICS_LISTEN/,
      );
    });
  });

  describe("the worker's metrics", () => {
    it('the worker serves the Temporal SDK telemetry on its own loopback listener', async () => {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [
          '-r',
          join(__dirname, '../../scripts/ts-register.cjs'),
          join(__dirname, '../../apps/worker/src/main.ts'),
        ],
        {
          env: {
            ...process.env,
            TEMPORAL_TASK_QUEUE: uniqueTaskQueue('metrics'),
            WORKER_METRICS_LISTEN: `127.0.0.1:${port}`,
            LOG_LEVEL: 'silent',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      try {
        let text = '';
        // Polling metrics carry the task queue once the worker has started polling it.
        for (let i = 0; i < 120 && !/task_queue="metrics-/.test(text); i++) {
          if (child.exitCode !== null)
            throw new Error(`the worker exited: ${stderr.slice(0, 500)}`);
          text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
            (r) => (r.ok ? r.text() : ''),
            () => '',
          );
          if (!/task_queue="metrics-/.test(text)) await new Promise((r) => setTimeout(r, 500));
        }
        expect(text).toMatch(/^temporal_\w+/m);
        expect(text).toMatch(/task_queue="metrics-/);
        expect(text).toMatch(/^temporal_worker_start_total\{[^}]*task_queue="metrics-/m);
        expect(text).not.toMatch(UUID);
      } finally {
        child.kill('SIGKILL');
      }
    });
  });

  describe('security headers', () => {
    it('a strict policy on API responses, and no caching of them', async () => {
      for (const res of [
        await caseworker('GET', '/api/v1/auth/me'),
        await stack.anonymous('GET', '/api/v1/cases'),
        await stack.anonymous('GET', '/health'),
      ]) {
        const h = res.headers;
        expect(h.get('content-security-policy')).toBe(
          "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
        );
        expect(h.get('x-content-type-options')).toBe('nosniff');
        expect(h.get('x-frame-options')).toBe('DENY');
        expect(h.get('referrer-policy')).toBe('no-referrer');
        expect(h.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
        expect(h.get('cache-control')).toBe('no-store');
        expect(h.get('x-powered-by')).toBeNull();
      }
    });

    it('a policy that lets the API docs work, for the docs only', async () => {
      const page = await fetch(`${stack.baseUrl}/api/docs`);
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
      const html = await page.text();
      // Every script of the page comes from the same origin (no inline script needs allowing).
      expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
      const init = await fetch(`${stack.baseUrl}/api/docs/swagger-ui-init.js`);
      expect(init.status).toBe(200);
      const spec = await fetch(`${stack.baseUrl}/api/openapi.json`);
      expect(spec.status).toBe(200);
      expect(spec.headers.get('content-security-policy')).toContain("default-src 'none'");
    });
  });

  describe('CORS', () => {
    const origin = 'https://case.example.org';

    it('is closed by default: no cross-origin access for any origin', async () => {
      const simple = await fetch(`${stack.baseUrl}/health`, { headers: { origin } });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${stack.baseUrl}/api/v1/cases`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    });

    describe('with ARIADNE_CORS_ORIGINS', () => {
      let api: INestApplication;
      let baseUrl: string;
      beforeAll(async () => {
        process.env.ARIADNE_CORS_ORIGINS = `${origin},http://localhost:5173`;
        try {
          const { createApi } = await import('../../apps/api/src/bootstrap');
          api = await createApi();
          await api.listen(0, '127.0.0.1');
          baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
        } finally {
          delete process.env.ARIADNE_CORS_ORIGINS;
        }
      });
      afterAll(async () => {
        await api?.close();
      });

      it('answers a listed origin, exactly', async () => {
        const preflight = await fetch(`${baseUrl}/api/v1/cases`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type,idempotency-key',
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
        expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
        expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
        const simple = await fetch(`${baseUrl}/health`, { headers: { origin } });
        expect(simple.headers.get('access-control-allow-origin')).toBe(origin);
        expect(simple.headers.get('access-control-expose-headers')).toContain('ETag');
      });

      it('ignores any other origin', async () => {
        for (const other of [
          'https://evil.example',
          'https://case.example.org.evil.example',
          'null',
        ]) {
          const res = await fetch(`${baseUrl}/health`, { headers: { origin: other } });
          expect(res.headers.get('access-control-allow-origin')).toBeNull();
        }
      });
    });
  });
});
