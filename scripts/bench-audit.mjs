// Throughput of audited requests (issue 9): autocannon on loopback, BENCH_CONNECTIONS (8)
// connections for BENCH_SECONDS (10) seconds each, against
//   - GET /api/v1/audit?limit=1 as an auditor: an @Audited() route, one audit append per request;
//   - GET /api/v1/auth/me: the same authentication and framework, no append (the baseline).
// Needs ARIADNE_URL (loopback only) and BENCH_TOKEN (an auditor's access token); the harness
// `npm run bench:audit` starts an API and passes both.
// Bounded: fixed durations, then it stops. Prints one JSON line per route.
import autocannon from 'autocannon';

const BASE = process.env.ARIADNE_URL ?? '';
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE)) {
  throw new Error('ARIADNE_URL must be a loopback URL: the benchmark only targets this machine.');
}
const TOKEN = process.env.BENCH_TOKEN;
if (!TOKEN) throw new Error('BENCH_TOKEN (an auditor access token) is not set');
const CONNECTIONS = Math.min(64, Number(process.env.BENCH_CONNECTIONS ?? 8));
const SECONDS = Math.min(60, Number(process.env.BENCH_SECONDS ?? 10));

function run(title, path) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: BASE + path,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { authorization: `Bearer ${TOKEN}` },
      },
      (err, r) => (err ? reject(err) : resolve({ title, r })),
    );
  });
}

for (const [title, path] of [
  ['audited GET /api/v1/audit?limit=1', '/api/v1/audit?limit=1'],
  ['baseline GET /api/v1/auth/me', '/api/v1/auth/me'],
]) {
  const { r } = await run(title, path);
  const non2xx = r.non2xx + r.errors + r.timeouts;
  process.stdout.write(
    `${JSON.stringify({
      route: title,
      connections: CONNECTIONS,
      seconds: SECONDS,
      requests: r.requests.total,
      rps: Math.round(r.requests.average),
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      non2xx,
    })}\n`,
  );
}
