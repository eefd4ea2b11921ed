/**
 * The storage scan finds what it is meant to find: a canary put in each place a page can keep
 * data is reported there. Without this, "nothing found" after a journey could mean a blind scan.
 * The canary page is served by a tiny server of this test, not by the app: the scan is tested
 * apart from the application it guards.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { scanBrowser, scanProfile } from './support/storage-scan';

// Non-ASCII on purpose: browsers store such strings as UTF-16 or Latin-1, not UTF-8.
const CANARY = `canary-${Date.now().toString(36)}-Östersjö`;
const COOKIE_CANARY = `cookie-canary-${Date.now().toString(36)}`;

let server: Server;
let origin: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/cacheable') {
      // Cacheable for an hour: Chromium writes it to the profile's HTTP disk cache.
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'public, max-age=3600',
      });
      res.end(`cached ${CANARY}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><html lang="en"><title>scan</title><main><h1>Scan</h1></main></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});

test('an empty page holds none of the values', async ({ page, context, profileDir }) => {
  await page.goto(`${origin}/`);
  expect(await scanBrowser(page, context, profileDir, [CANARY])).toEqual([]);
});

test('a value in localStorage, sessionStorage, a cookie, IndexedDB or Cache Storage is found', async ({
  page,
  context,
  profileDir,
}) => {
  await page.goto(`${origin}/`);
  await page.evaluate(
    async ([v, c]) => {
      interface G {
        localStorage: { setItem(k: string, v: string): void };
        sessionStorage: { setItem(k: string, v: string): void };
        document: { cookie: string };
        indexedDB: {
          open(
            n: string,
            version: number,
          ): {
            result: {
              createObjectStore(n: string): unknown;
              transaction(
                n: string[],
                m: string,
              ): {
                objectStore(n: string): { put(v: unknown, k: string): void };
                oncomplete: (() => void) | null;
              };
              close(): void;
            };
            onupgradeneeded: (() => void) | null;
            onsuccess: (() => void) | null;
          };
        };
        caches: { open(n: string): Promise<{ put(url: string, r: unknown): Promise<void> }> };
        Response: new (body: string) => unknown;
      }
      const g = globalThis as unknown as G;
      g.localStorage.setItem('k', v);
      g.sessionStorage.setItem('k', v);
      g.document.cookie = `k=${c}`;
      await new Promise<void>((resolve) => {
        const req = g.indexedDB.open('scan-db', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('things');
        req.onsuccess = () => {
          const tx = req.result.transaction(['things'], 'readwrite');
          tx.objectStore('things').put({ nested: { name: v } }, 'x');
          tx.oncomplete = () => (req.result.close(), resolve());
        };
      });
      const cache = await g.caches.open('scan-cache');
      await cache.put('/cached-thing', new g.Response(`body ${v}`));
    },
    [CANARY, COOKIE_CANARY] as const,
  );
  const places = (
    await scanBrowser(page, context, profileDir, ['unrelated-value', CANARY, COOKIE_CANARY])
  )
    .filter((f) => !f.where.startsWith('disk '))
    .map((f) => `${f.valueIndex} ${f.where}`);
  expect(places).toEqual(
    expect.arrayContaining([
      '1 localStorage',
      '1 sessionStorage',
      '1 IndexedDB scan-db/things',
      '1 CacheStorage scan-cache',
      '2 document.cookie',
      '2 cookie k',
    ]),
  );
  expect(places.filter((p) => p.startsWith('0 '))).toEqual([]);
  // And on disk, where Chromium commits web storage a little later (Latin-1 for this value).
  await expect
    .poll(
      () => scanProfile(profileDir, [CANARY]).map((f) => f.where.split('/').slice(0, 2).join('/')),
      {
        timeout: 15_000,
      },
    )
    .toContain('disk Default/Local Storage');
});

test('a value in a response kept by the HTTP disk cache is found on disk', async ({
  page,
  profileDir,
}) => {
  await page.goto(`${origin}/`);
  const res = await page.evaluate(async () => {
    const f = (
      globalThis as unknown as { fetch: (u: string) => Promise<{ text(): Promise<string> }> }
    ).fetch;
    return (await f('/cacheable')).text();
  });
  expect(res).toContain(CANARY);
  // Chromium writes cache entries in the background: poll the profile for a few seconds.
  await expect
    .poll(
      () => scanProfile(profileDir, [CANARY]).map((f) => f.where.split('/').slice(0, 3).join('/')),
      {
        timeout: 15_000,
      },
    )
    .toContain('disk Default/Cache/Cache_Data');
});
