/**
 * What the browser kept: every place a web page can leave data behind on her caseworker's
 * computer, read back and searched for given values (P1: nothing personal in browser storage or
 * the HTTP cache). Findings name the place and the value's position, never the value itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

/** Where a value was found: e.g. "localStorage", "IndexedDB app/store", "disk Default/Cache/…". */
export interface Finding {
  readonly valueIndex: number;
  readonly where: string;
}

interface Content {
  readonly where: string;
  readonly text: string;
}

/**
 * The profile folders that hold the HTTP disk cache and the on-disk forms of web storage
 * (LevelDB files keep overwritten values until compaction, so a value stored and removed shows).
 */
export const PROFILE_STORAGE_DIRS = [
  'Default/Cache',
  'Default/Service Worker',
  'Default/Local Storage',
  'Default/Session Storage',
  'Default/IndexedDB',
  'Default/File System',
];

/** Runs inside the page: localStorage, sessionStorage, document.cookie, IndexedDB, Cache Storage. */
async function readPageStorage(): Promise<Content[]> {
  // Minimal shapes of the DOM APIs used (the repository's TypeScript has no DOM library).
  interface StorageLike {
    readonly length: number;
    key(i: number): string | null;
    getItem(k: string): string | null;
  }
  interface Req<T> {
    result: T;
    onsuccess: (() => void) | null;
    onerror: (() => void) | null;
  }
  interface Store {
    getAll(): Req<unknown[]>;
    getAllKeys(): Req<unknown[]>;
  }
  interface Db {
    readonly objectStoreNames: ArrayLike<string>;
    transaction(names: string[], mode: 'readonly'): { objectStore(n: string): Store };
    close(): void;
  }
  interface Cache {
    keys(): Promise<Array<{ url: string }>>;
    match(r: { url: string }): Promise<{ text(): Promise<string> } | undefined>;
  }
  interface Globals {
    localStorage: StorageLike;
    sessionStorage: StorageLike;
    document: { cookie: string };
    indexedDB: { databases(): Promise<Array<{ name?: string }>>; open(name: string): Req<Db> };
    caches?: { keys(): Promise<string[]>; open(n: string): Promise<Cache> };
  }
  const g = globalThis as unknown as Globals;
  const out: Content[] = [];
  const dump = (s: StorageLike): string => {
    const entries: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i) ?? '';
      entries.push(`${k}=${s.getItem(k) ?? ''}`);
    }
    return entries.join('\n');
  };
  out.push({ where: 'localStorage', text: dump(g.localStorage) });
  out.push({ where: 'sessionStorage', text: dump(g.sessionStorage) });
  out.push({ where: 'document.cookie', text: g.document.cookie });
  const request = <T>(r: Req<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error('IndexedDB request failed'));
    });
  for (const { name } of await g.indexedDB.databases()) {
    if (!name) continue;
    const db = await request(g.indexedDB.open(name));
    try {
      for (const store of Array.from(db.objectStoreNames)) {
        const s = db.transaction([store], 'readonly').objectStore(store);
        const [keys, values] = [await request(s.getAllKeys()), await request(s.getAll())];
        out.push({ where: `IndexedDB ${name}/${store}`, text: JSON.stringify([keys, values]) });
      }
    } finally {
      db.close();
    }
  }
  if (g.caches) {
    for (const cacheName of await g.caches.keys()) {
      const cache = await g.caches.open(cacheName);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        out.push({
          where: `CacheStorage ${cacheName}`,
          text: `${req.url}\n${(await res?.text()) ?? ''}`,
        });
      }
    }
  }
  return out;
}

function checkValues(values: readonly string[]): void {
  if (values.length === 0) throw new Error('no values to look for: the scan would prove nothing');
  values.forEach((v, i) => {
    // Short values match by chance in binary cache files and prove nothing when absent.
    if (v.length < 4) throw new Error(`value #${i} is shorter than 4 characters`);
  });
}

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    try {
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    } catch {
      return []; // removed while we looked (the browser compacts its files as it runs)
    }
  });
}

/** Greps the profile's storage and cache folders for the values: UTF-8, UTF-16, Latin-1, lower case. */
export function scanProfile(profileDir: string, values: readonly string[]): Finding[] {
  checkValues(values);
  const needles = values.map((v) =>
    [...new Set([v, v.toLowerCase()])].flatMap((s) => [
      Buffer.from(s, 'utf8'),
      Buffer.from(s, 'utf16le'),
      // Chromium's web storage keeps strings whose characters all fit in one byte as Latin-1.
      ...([...s].every((ch) => ch.charCodeAt(0) <= 0xff) ? [Buffer.from(s, 'latin1')] : []),
    ]),
  );
  const findings: Finding[] = [];
  for (const file of PROFILE_STORAGE_DIRS.flatMap((d) => filesUnder(join(profileDir, d)))) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    needles.forEach((forms, valueIndex) => {
      if (forms.some((b) => bytes.includes(b))) {
        findings.push({ valueIndex, where: `disk ${relative(profileDir, file)}` });
      }
    });
  }
  return findings;
}

/**
 * Everything the page's origin and the browser context hold (including httpOnly cookies, which
 * document.cookie does not show), then the profile on disk.
 */
export async function scanBrowser(
  page: Page,
  context: BrowserContext,
  profileDir: string,
  values: readonly string[],
): Promise<Finding[]> {
  checkValues(values);
  const contents = await page.evaluate(readPageStorage);
  for (const c of await context.cookies()) {
    contents.push({ where: `cookie ${c.name}`, text: `${c.name}=${c.value}` });
  }
  const findings: Finding[] = [];
  for (const { where, text } of contents) {
    const haystack = text.toLowerCase();
    values.forEach((v, valueIndex) => {
      if (haystack.includes(v.toLowerCase())) findings.push({ valueIndex, where });
    });
  }
  return findings.concat(scanProfile(profileDir, values));
}

export function describeFindings(findings: readonly Finding[], total: number): string {
  return findings.map((f) => `value #${f.valueIndex} (of ${total}) found in ${f.where}`).join('\n');
}
