// Web benchmark: `npm run bench:web`. Prints numbers; it is not a test.
//  1. The gzip size of the JavaScript the sign-in route needs (target ≤ 250 KB): the module
//     preload graph of apps/web/dist/index.html (entry script and modulepreload links), and what
//     a fresh Chromium actually loaded until the sign-in form could be used (lazy chunks and the
//     language catalogue included). Sizes are each file gzipped at level 9, in kB of 1000 bytes (as Vite prints them).
//  2. The time until the case page is interactive on the local stack (median of N full
//     navigations: header visible and an enabled action in "What you can do now").
// Starts its own stack with the browser tests' harness (test/browser/support): builds, a fresh
// database, a Temporal dev server, the compiled API and worker on free ports; stops them after.
// ARIADNE_BENCH_RUNS=N sets the number of navigations (default 7).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'apps/web/dist');
const OUT = path.join(ROOT, '.ci/out/bench-web.json');
const TARGET_KB = 250;

function gzipKb(urlPath) {
  const file = path.join(DIST, urlPath.replace(/^\//, ''));
  if (!existsSync(file)) throw new Error(`${urlPath} is not in apps/web/dist`);
  return gzipSync(readFileSync(file), { level: 9 }).length / 1000;
}

/** The entry module and its modulepreload links, as Vite writes them into index.html. */
function preloadGraph() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const files = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isEntry = /^<script/.test(tag) && /type="module"/.test(tag);
    const isPreload = /^<link/.test(tag) && /rel="modulepreload"/.test(tag);
    const src = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isEntry || isPreload) && src && src.startsWith('/')) files.add(src);
  }
  return [...files];
}

function report(label, files) {
  const sizes = files.map((f) => [f, gzipKb(f)]);
  const total = sizes.reduce((s, [, kb]) => s + kb, 0);
  console.log(`${label}: ${total.toFixed(1)} kB gzip in ${files.length} file(s)`);
  for (const [f, kb] of sizes.sort((a, b) => b[1] - a[1])) {
    console.log(`    ${kb.toFixed(1).padStart(7)} kB  ${f}`);
  }
  return total;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

mkdirSync(path.dirname(OUT), { recursive: true });
// The same environment as `npm test`: PostgreSQL, the Temporal CLI and Chromium.
const setup = [
  `source "${ROOT}/scripts/lib.sh"`,
  'ensure_postgres',
  'ensure_chromium',
  'TEMPORAL_CLI="$(temporal_cli)"',
  'export TEMPORAL_CLI DATABASE_URL',
  `cd "${ROOT}"`,
  'npx playwright test --config test/browser/bench/bench.config.ts',
].join(' && ');
try {
  execFileSync('bash', ['-c', setup], {
    stdio: 'inherit',
    env: { ...process.env, ARIADNE_BENCH_OUT: OUT },
  });
} catch {
  console.error('The web benchmark could not run: see the output above.');
  process.exit(1);
}

const result = JSON.parse(readFileSync(OUT, 'utf8'));
console.log('\nWeb benchmark (apps/web/dist, local stack, Chromium headless)\n');
const preload = report('Sign-in route, module preload graph', preloadGraph());
const loaded = report(
  'Sign-in route, JavaScript loaded by the browser',
  result.signInScripts.filter((f) => f.startsWith('/')),
);
const worst = Math.max(preload, loaded);
console.log(
  `  → ${worst.toFixed(1)} kB of ${TARGET_KB} kB: ${worst <= TARGET_KB ? 'within' : 'OVER'} the target`,
);
const ms = result.caseInteractiveMs;
if (ms.length > 0) {
  console.log(
    `Case page interactive (full navigation, ${ms.length} runs): median ${median(ms).toFixed(0)} ms,` +
      ` first ${ms[0].toFixed(0)} ms, min ${Math.min(...ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`,
  );
}
if (result.error) console.log(`Case page: not measured: ${result.error}`);
