#!/usr/bin/env node
/**
 * Signs in to a running demo as a seeded account and prints (or returns) the access token:
 * the password, then, for the accounts that must use a second factor, a code of the demo TOTP
 * secret (ARIADNE_DEMO_TOTP_SECRET, else the default of libs/persistence/src/identity/demo-seed.ts).
 * A code signs in once: when this time step's code was used already, the next step's is tried.
 *   node scripts/demo-login.mjs <base-url> <login>   (password from ARIADNE_DEMO_PASSWORD)
 */
import { generate } from 'otplib';
import { pathToFileURL } from 'node:url';

const DEFAULT_DEMO_TOTP_SECRET = 'ARIADNE2DEMO2TOTP2SECRET2NOTREAL';

async function post(base, path, body) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** The access token of the account; throws naming the status when sign-in fails. */
export async function demoLogin(base, login, password) {
  const secret = (
    process.env.ARIADNE_DEMO_TOTP_SECRET?.trim() || DEFAULT_DEMO_TOTP_SECRET
  ).toUpperCase();
  for (let offset = 0; offset < 2; offset++) {
    const first = await post(base, '/api/v1/auth/login', { login, password });
    if (first.status !== 200) throw new Error(`login ${login}: ${first.status}`);
    if (!first.body.secondFactorRequired) return first.body.accessToken;
    const epoch = Math.floor(Date.now() / 1000) + offset * 30;
    const totp = await generate({ secret, epoch });
    const second = await post(base, '/api/v1/auth/login/second-factor', {
      challengeToken: first.body.challengeToken,
      totp,
    });
    if (second.status === 200) return second.body.accessToken;
    if (second.status !== 401) throw new Error(`second factor of ${login}: ${second.status}`);
  }
  throw new Error(`second factor of ${login}: refused`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [base, login] = process.argv.slice(2);
  const password = process.env.ARIADNE_DEMO_PASSWORD;
  if (!base || !login || !password) {
    process.stderr.write(
      'usage: ARIADNE_DEMO_PASSWORD=… node scripts/demo-login.mjs <base-url> <login>\n',
    );
    process.exit(2);
  }
  demoLogin(base, login, password).then(
    (token) => process.stdout.write(`${token}\n`),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
      process.exit(1);
    },
  );
}
