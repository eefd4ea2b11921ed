/**
 * Accounts and administration end to end (issue 9): an admin manages the organisations and
 * accounts of her country only, an auditor of the country reads them, nobody else sees them;
 * every request is in the audit trail by ids; an invitation or reset link works once and for 30
 * minutes; the reset answer is the same for unknown logins; deactivation ends her access token
 * and her session at once and her cases show as unassigned on the supervisor's workload.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@ariadne/persistence';
import { type ApiStack, type Caller, caller, mustEnv, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

const RUN = randomBytes(3).toString('hex');
const ADMIN = '/api/v1/admin';
const AUTH = '/api/v1/auth';
const NEW_PASSWORD = `tall river ${RUN} lantern`;

let stack: ApiStack;
let db: DataSource;
let seAdmin: Caller;
let seAuditor: Caller;

/** The set-password token of the newest message of this kind to the account, from the outbox. */
async function tokenFromOutbox(userId: string, kind: 'invitation' | 'password-reset') {
  const rows: { link: string }[] = await db.query(
    `SELECT params->>'link' AS link FROM outbox_messages
      WHERE recipient_user_id = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
    [userId, kind],
  );
  const link = new URL(rows[0]!.link);
  expect(link.pathname).toBe('/set-password');
  // The token travels in the fragment only: never in the path or query a server logs.
  expect(link.search).toBe('');
  return new URLSearchParams(link.hash.slice(1)).get('token')!;
}

async function signIn(login: string, password: string) {
  const res = await fetch(`${stack.baseUrl}${AUTH}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('ariadne_refresh='))
    ?.split(';')[0];
  const body = res.status === 200 ? ((await res.json()) as { accessToken: string }) : null;
  return { status: res.status, token: body?.accessToken ?? '', cookie: cookie ?? '' };
}

async function refresh(cookie: string): Promise<number> {
  const res = await fetch(`${stack.baseUrl}${AUTH}/refresh`, {
    method: 'POST',
    headers: { 'x-requested-with': 'ariadne', cookie },
  });
  return res.status;
}

async function invite(login: string, organisationId = 'se-ngo-1') {
  return seAdmin('POST', `${ADMIN}/users`, {
    displayName: `E2E caseworker ${RUN}`,
    login,
    email: `${login}@e2e.example`,
    role: 'caseworker',
    organisationId,
  });
}

/** Invites an account and sets its password from the invitation; its id. */
async function account(login: string): Promise<string> {
  const created = await invite(login);
  expect(created.status).toBe(201);
  const token = await tokenFromOutbox(created.body.id, 'invitation');
  const set = await stack.anonymous('POST', `${AUTH}/password`, {
    token,
    newPassword: NEW_PASSWORD,
  });
  expect(set.status).toBe(204);
  return created.body.id;
}

beforeAll(async () => {
  stack = await startApiStack();
  db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
  seAdmin = await stack.as('se-admin');
  seAuditor = await stack.as('se-auditor');
});

afterAll(async () => {
  await db?.destroy();
  await stack?.close();
});

describe('country scoping and roles', () => {
  it('shows an admin and an auditor the organisations and accounts of their country only', async () => {
    for (const who of [seAdmin, seAuditor]) {
      const orgs = await who('GET', `${ADMIN}/organisations`);
      expect(orgs.status).toBe(200);
      expect(orgs.body.country).toBe('SE');
      const ids = orgs.body.items.map((o: { id: string }) => o.id);
      expect(ids).toEqual(expect.arrayContaining(['se-ngo-1', 'se-shelter-1', 'se-nc']));
      expect(ids).not.toContain('no-ngo-1');
      expect(orgs.body.items.every((o: { country: string }) => o.country === 'SE')).toBe(true);
      const seNgo = orgs.body.items.find((o: { id: string }) => o.id === 'se-ngo-1');
      expect(seNgo.type).toBe('NGO');

      const users = await who('GET', `${ADMIN}/users`);
      expect(users.status).toBe(200);
      const logins = users.body.items.map((u: { login: string }) => u.login);
      expect(logins).toContain('se-ngo-1-cw-1');
      expect(logins).not.toContain('no-ngo-1-cw-1');
      const cw = users.body.items.find((u: { id: string }) => u.id === 'se-ngo-1-cw-1');
      expect(cw).toMatchObject({ email: 'se-ngo-1-cw-1@ariadne-demo.example', passwordSet: true });
    }
    const noAdmin = await stack.as('no-admin');
    const no = await noAdmin('GET', `${ADMIN}/users`);
    expect(no.body.items.map((u: { login: string }) => u.login)).not.toContain('se-ngo-1-cw-1');
  });

  it('answers another country’s organisation or account as absent (404)', async () => {
    expect((await seAdmin('GET', `${ADMIN}/users/no-ngo-1-cw-1`)).status).toBe(404);
    const patch = await seAdmin('PATCH', `${ADMIN}/users/no-ngo-1-cw-1`, { active: false });
    expect(patch.status).toBe(404);
    const org = await seAdmin('PATCH', `${ADMIN}/organisations/no-ngo-1`, { name: 'Taken over' });
    expect(org.status).toBe(404);
    const created = await invite(`e2e-no-${RUN}`, 'no-ngo-1');
    expect(created.status).toBe(404);
    expect(created.body.errors).toEqual([{ field: 'organisationId', message: expect.any(String) }]);
    const [still] = await db.query(`SELECT active FROM users WHERE id = 'no-ngo-1-cw-1'`);
    expect(still.active).toBe(true);
  });

  it('lets an auditor read but not change (403), and nobody else see them', async () => {
    expect((await seAuditor('GET', `${ADMIN}/users/se-ngo-1-cw-1`)).status).toBe(200);
    const writes: Array<[string, string, unknown]> = [
      ['POST', `${ADMIN}/organisations`, { name: 'Auditor NGO', type: 'NGO' }],
      ['PATCH', `${ADMIN}/organisations/se-ngo-1`, { name: 'Renamed' }],
      ['POST', `${ADMIN}/users`, { displayName: 'X', login: 'x', email: 'x@e.example' }],
      ['PATCH', `${ADMIN}/users/se-ngo-1-cw-2`, { active: false }],
      ['POST', `${ADMIN}/users/se-ngo-1-cw-2/invitation`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await seAuditor(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    for (const login of ['se-ngo-1-cw-1', 'se-ngo-1-sup', 'se-coordinator']) {
      const who = await stack.as(login);
      expect([login, (await who('GET', `${ADMIN}/users`)).status]).toEqual([login, 403]);
      expect([login, (await who('GET', `${ADMIN}/organisations`)).status]).toEqual([login, 403]);
    }
    expect((await stack.anonymous('GET', `${ADMIN}/users`)).status).toBe(401);
  });
});

describe('changes', () => {
  it('creates and edits an organisation of her country (HTCDS types)', async () => {
    const created = await seAdmin('POST', `${ADMIN}/organisations`, {
      name: `E2E shelter ${RUN}`,
      type: 'NGO',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ country: 'SE', type: 'NGO' });
    expect(created.body.id).toMatch(/^se-org-[0-9a-f]{10}$/);
    const edited = await seAdmin('PATCH', `${ADMIN}/organisations/${created.body.id}`, {
      type: 'CentralGovernmentOrganisation',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.type).toBe('CentralGovernmentOrganisation');
    const bad = await seAdmin('POST', `${ADMIN}/organisations`, { name: 'X', type: 'shelter' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['type']);
    // The names of another HTCDS field (vic_TraffickingStatusDecisionMakingOrg) are not org_Type.
    const old = await seAdmin('POST', `${ADMIN}/organisations`, { name: 'X', type: 'Police' });
    expect(old.status).toBe(400);
  });

  it('refuses unknown fields and bad values, naming the field and never echoing the value', async () => {
    const unknown = await seAdmin('POST', `${ADMIN}/users`, {
      displayName: 'Someone',
      login: `e2e-u-${RUN}`,
      email: `e2e-u-${RUN}@e2e.example`,
      role: 'caseworker',
      organisationId: 'se-ngo-1',
      password: 'not-a-field-here',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    const badMail = await seAdmin('POST', `${ADMIN}/users`, {
      displayName: 'Someone',
      login: `e2e-m-${RUN}`,
      email: 'secret-not-an-address',
      role: 'caseworker',
      organisationId: 'se-ngo-1',
    });
    expect(badMail.status).toBe(400);
    expect(badMail.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    expect(JSON.stringify(badMail.body)).not.toContain('secret-not-an-address');
  });

  it('invites a new caseworker: inactive password, invitation queued, duplicate login 409', async () => {
    const login = `e2e-inv-${RUN}`;
    const created = await invite(login);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ login, active: true, passwordSet: false, locale: 'sv' });
    // No password yet: no sign-in.
    expect((await signIn(login, NEW_PASSWORD)).status).toBe(401);
    const [mail] = await db.query(
      `SELECT kind, recipient_address, locale FROM outbox_messages WHERE recipient_user_id = $1`,
      [created.body.id],
    );
    expect(mail).toEqual({
      kind: 'invitation',
      recipient_address: `${login}@e2e.example`,
      locale: 'sv',
    });

    const again = await invite(login.toUpperCase());
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/duplicate-login$/);
    expect(again.body.errors).toEqual([{ field: 'login', message: expect.any(String) }]);
  });

  it('records every administrative request in the audit trail, by ids only', async () => {
    const login = `e2e-aud-${RUN}`;
    const created = await invite(login);
    expect(created.status).toBe(201);
    await seAdmin('PATCH', `${ADMIN}/users/${created.body.id}`, { displayName: 'Renamed' });
    await seAuditor('PATCH', `${ADMIN}/users/${created.body.id}`, { displayName: 'No' });
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT * FROM audit_log WHERE action LIKE 'admin.%' AND actor_id IN ('se-admin', 'se-auditor')`,
    );
    const actions = rows.map(
      (r) => `${String(r.actor_id)} ${String(r.action)} ${String(r.outcome)}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'se-admin admin.user.create allowed',
        'se-admin admin.user.update allowed',
        'se-admin admin.organisation.list allowed',
        'se-auditor admin.user.list allowed',
      ]),
    );
    const text = JSON.stringify(rows);
    for (const personal of [login, `${login}@e2e.example`, `E2E caseworker ${RUN}`, 'Renamed']) {
      expect(text).not.toContain(personal);
    }
  });
});

describe('invitation and reset links', () => {
  it('sets the password from the invitation once, by the rules, then she signs in', async () => {
    const login = `e2e-set-${RUN}`;
    const created = await invite(login);
    const token = await tokenFromOutbox(created.body.id, 'invitation');
    const set = (newPassword: string) =>
      stack.anonymous('POST', `${AUTH}/password`, { token, newPassword });

    const short = await set('short pass');
    expect(short.status).toBe(400);
    expect(short.body.rule).toBe('password-too-short');
    const breached = await set('qwerty123456');
    expect(breached.status).toBe(400);
    expect(breached.body.rule).toBe('password-breached');
    expect(breached.body.errors).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
    expect(JSON.stringify(breached.body)).not.toContain('qwerty123456');

    expect((await set(NEW_PASSWORD)).status).toBe(204);
    const reuse = await set(`${NEW_PASSWORD} again`);
    expect(reuse.status).toBe(400);
    expect(reuse.body.type).toMatch(/password-token-invalid$/);
    expect((await signIn(login, NEW_PASSWORD)).status).toBe(200);
    const [row] = await db.query(
      `SELECT token_hash, used_at FROM password_tokens WHERE user_id = $1`,
      [created.body.id],
    );
    // Stored as its SHA-256 only.
    expect(Buffer.from(row.token_hash).toString('base64url')).not.toBe(token);
    expect(row.used_at).not.toBeNull();
  });

  it('answers a reset request the same whether or not the account exists', async () => {
    const id = await account(`e2e-rst-${RUN}`);
    const known = await stack.anonymous('POST', `${AUTH}/password-reset`, {
      login: `e2e-rst-${RUN}@E2E.example`,
    });
    const unknown = await stack.anonymous('POST', `${AUTH}/password-reset`, {
      login: `nobody-${RUN}`,
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);

    // The link works once, and ends her sessions.
    const before = await signIn(`e2e-rst-${RUN}`, NEW_PASSWORD);
    const token = await tokenFromOutbox(id, 'password-reset');
    const other = `${NEW_PASSWORD} reset`;
    expect(
      (await stack.anonymous('POST', `${AUTH}/password`, { token, newPassword: other })).status,
    ).toBe(204);
    expect(
      (await stack.anonymous('POST', `${AUTH}/password`, { token, newPassword: other })).status,
    ).toBe(400);
    expect(await refresh(before.cookie)).toBe(401);
    expect((await signIn(`e2e-rst-${RUN}`, NEW_PASSWORD)).status).toBe(401);
    expect((await signIn(`e2e-rst-${RUN}`, other)).status).toBe(200);
  });

  it('refuses an expired link (30 minutes)', async () => {
    const id = await account(`e2e-exp-${RUN}`);
    await stack.anonymous('POST', `${AUTH}/password-reset`, { login: `e2e-exp-${RUN}` });
    const token = await tokenFromOutbox(id, 'password-reset');
    const [lifetime] = await db.query(
      `SELECT extract(epoch FROM expires_at - created_at) AS s FROM password_tokens
        WHERE user_id = $1 AND used_at IS NULL`,
      [id],
    );
    expect(Number(lifetime.s)).toBe(30 * 60);
    await db.query(
      `UPDATE password_tokens SET created_at = now() - interval '31 minutes',
              expires_at = now() - interval '1 minute' WHERE user_id = $1 AND used_at IS NULL`,
      [id],
    );
    const res = await stack.anonymous('POST', `${AUTH}/password`, {
      token,
      newPassword: `${NEW_PASSWORD} late`,
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/password-token-invalid$/);
  });

  it('changes her own password with the current one; her other sessions end', async () => {
    const login = `e2e-chg-${RUN}`;
    await account(login);
    const here = await signIn(login, NEW_PASSWORD);
    const elsewhere = await signIn(login, NEW_PASSWORD);
    const me = caller(stack.baseUrl, here.token);
    const changed = `${NEW_PASSWORD} changed`;
    const wrong = await me('POST', `${AUTH}/me/password`, {
      currentPassword: 'not her password',
      newPassword: changed,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    const ok = await me(
      'POST',
      `${AUTH}/me/password`,
      { currentPassword: NEW_PASSWORD, newPassword: changed },
      { cookie: here.cookie },
    );
    expect(ok.status).toBe(204);
    expect(await refresh(elsewhere.cookie)).toBe(401);
    expect(await refresh(here.cookie)).toBe(200);
    expect((await signIn(login, changed)).status).toBe(200);
  });
});

describe('deactivation', () => {
  it('ends her access token and session at once; her cases show as unassigned', async () => {
    const login = `e2e-off-${RUN}`;
    const id = await account(login);
    const session = await signIn(login, NEW_PASSWORD);
    const her = caller(stack.baseUrl, session.token);
    const opened = await her('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(opened.status).toBe(201);
    const sup = await stack.as('se-ngo-1-sup');
    const workload = async () =>
      (await sup('GET', '/api/v1/supervision/workload?limit=100')).body as {
        items: Array<{ userId: string; open: number }>;
        unassigned: { open: number };
      };
    // The board reads a projection: wait until her case is on it.
    let load = await workload();
    for (let i = 0; i < 50 && !load.items.some((r) => r.userId === id && r.open === 1); i++) {
      await new Promise((r) => setTimeout(r, 200));
      load = await workload();
    }
    expect(load.items.find((r) => r.userId === id)?.open).toBe(1);
    const unassignedBefore = load.unassigned.open;

    const off = await seAdmin('PATCH', `${ADMIN}/users/${id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await her('GET', `${AUTH}/me`)).status).toBe(401);
    expect(await refresh(session.cookie)).toBe(401);
    expect((await signIn(login, NEW_PASSWORD)).status).toBe(401);
    const [families] = await db.query(
      `SELECT count(*)::int AS open FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [id],
    );
    expect(families.open).toBe(0);

    const after = await workload();
    expect(after.items.map((r) => r.userId)).not.toContain(id);
    expect(after.unassigned.open).toBe(unassignedBefore + 1);
  });

  it('does not let an admin deactivate herself', async () => {
    const res = await seAdmin('PATCH', `${ADMIN}/users/se-admin`, { active: false });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/admin-self-change$/);
  });
});
