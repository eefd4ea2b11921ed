/**
 * The second step of the demo accounts' sign-in in tests: every seeded supervisor, admin and
 * auditor is enrolled with TOTP under TEST_TOTP_SECRET (the demo default), and this computes a
 * code the API has not seen yet. Codes are single use per time step (replay protection), and
 * several test processes share one database: the step is chosen after the last one the API
 * recorded for the account, waiting for the clock when both usable steps are spent.
 */
import { generate } from 'otplib';
import { Client } from 'pg';

/** = DEFAULT_DEMO_TOTP_SECRET of libs/persistence/src/identity/demo-seed.ts. */
export const TEST_TOTP_SECRET = 'ARIADNE2DEMO2TOTP2SECRET2NOTREAL';
const PERIOD = 30;

export interface LoginAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads JSON freely
  readonly body: any;
}

/** A code for the login's account that no earlier sign-in used; `secret` if not the demo one. */
export async function freshTotpCode(
  databaseUrl: string,
  login: string,
  secret: string = TEST_TOTP_SECRET,
): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ last_time_step: string | null }>(
        `SELECT t.last_time_step FROM totp_factors t JOIN users u ON u.id = t.user_id
          WHERE u.login = lower($1)`,
        [login],
      );
      const last = rows[0]?.last_time_step == null ? -1 : Number(rows[0].last_time_step);
      const step = Math.floor(Date.now() / 1000 / PERIOD);
      // The API accepts the current step and one either side; the next one is safe until the
      // clock moves two steps on.
      const use = Math.max(step, last + 1);
      if (use <= step + 1) return generate({ secret, epoch: use * PERIOD });
      await new Promise((r) => setTimeout(r, (use - 1) * PERIOD * 1000 - Date.now() + 100));
    }
  } finally {
    await client.end();
  }
}

/**
 * Completes a login answer that asks for the second factor (POST /auth/login/second-factor);
 * returns the final answer. A code another process spent meanwhile is retried once with the next.
 */
export async function completeSecondFactor(
  baseUrl: string,
  databaseUrl: string,
  login: string,
  challengeToken: string,
): Promise<LoginAnswer> {
  for (let attempt = 0; ; attempt++) {
    const totp = await freshTotpCode(databaseUrl, login);
    const res = await fetch(`${baseUrl}/api/v1/auth/login/second-factor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challengeToken, totp }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== 401 || attempt > 0 || body.type === undefined)
      return { status: res.status, body };
    if (!String(body.type).endsWith('invalid-second-factor')) return { status: res.status, body };
  }
}

/**
 * POST /auth/login with the password, then the second factor when the answer asks for it: the
 * final answer (the access token's body on success). For tests that sign in without `as()`.
 */
export async function loginWithSecondFactor(
  baseUrl: string,
  login: string,
  password: string,
  databaseUrl: string = process.env.DATABASE_URL ?? '',
): Promise<LoginAnswer> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200 || !body.secondFactorRequired) return { status: res.status, body };
  return completeSecondFactor(baseUrl, databaseUrl, login, String(body.challengeToken));
}

/**
 * Enrols an account a test seeds itself (outside the demo seeder) with TOTP under
 * TEST_TOTP_SECRET, as the demo seeder does for supervisors, admins and auditors, who must use a
 * second factor; `as()` then completes their sign-in.
 */
export async function enrolTestTotp(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  userId: string,
): Promise<void> {
  // Imported here, not at the top: the browser harness (Playwright's Babel, which cannot parse
  // the entities' decorators) loads this file too, and never enrols.
  const { securityConfigFromEnv, totpSecretBox } = await import('@ariadne/security');
  const box = totpSecretBox(securityConfigFromEnv().masterKeys);
  await db.query(
    `INSERT INTO totp_factors (user_id, secret_sealed, confirmed_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO NOTHING`,
    [userId, box.seal(userId, TEST_TOTP_SECRET)],
  );
}
