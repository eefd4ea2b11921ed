import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { applyHttpSecurity } from '../security/http-security';
import { isAppRoute, isWebPath, serveWeb } from './web';

describe('which paths belong to the web application', () => {
  it.each(['/', '/cases', '/cases/new', '/cases/1b4e28ba-2fa1-4d2e-9f0a-000000000001', '/apix'])(
    '%s is the web application’s',
    (path) => expect(isWebPath(path)).toBe(true),
  );

  it.each(['/api', '/api/v1/cases', '/api/docs', '/health', '/metrics', '/metrics/x'])(
    '%s is not',
    (path) => expect(isWebPath(path)).toBe(false),
  );

  it('answers index.html only for GET and HEAD of routes without a file extension', () => {
    expect(isAppRoute('GET', '/cases/abc')).toBe(true);
    expect(isAppRoute('HEAD', '/inbox')).toBe(true);
    expect(isAppRoute('POST', '/cases')).toBe(false);
    expect(isAppRoute('GET', '/assets/missing.js')).toBe(false);
    expect(isAppRoute('GET', '/assets/noext')).toBe(false);
    expect(isAppRoute('GET', '/favicon.ico')).toBe(false);
    expect(isAppRoute('GET', '/api/v1/nothing')).toBe(false);
  });
});

@Controller({ path: 'api/probe' })
class ProbeController {
  @Get()
  probe(): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('serving the built web application', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Ariadne</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
    app = await NestFactory.create(ProbeModule, { logger: false });
    applyHttpSecurity(app, { ARIADNE_CORS_ORIGINS: undefined });
    expect(serveWeb(app, dir)).toBe(true);
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(() => app.close());

  it('answers / and client-side routes with index.html, never cached', async () => {
    for (const path of ['/', '/cases/abc', '/inbox']) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Ariadne</title>');
    }
  });

  it('runs scripts from this origin only, never inline; the API keeps its closed CSP', async () => {
    const csp = (await fetch(`${base}/cases`)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('connect-src')).toBe("connect-src 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    const api = (await fetch(`${base}/api/probe`)).headers.get('content-security-policy');
    expect(api).toContain("default-src 'none'");
    expect((await fetch(`${base}/api/probe`)).headers.get('cache-control')).toBe('no-store');
  });

  it('caches hashed assets for a year', async () => {
    const res = await fetch(`${base}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API, missing files and other methods to the routes (and their 404)', async () => {
    expect(await (await fetch(`${base}/api/probe`)).json()).toEqual({ ok: true });
    expect((await fetch(`${base}/api/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/cases`, { method: 'POST' })).status).toBe(404);
  });

  it('does nothing when the application is not built', async () => {
    const bare = await NestFactory.create(ProbeModule, { logger: false });
    expect(serveWeb(bare, join(tmpdir(), 'ariadne-no-such-dir'))).toBe(false);
    await bare.close();
  });
});
