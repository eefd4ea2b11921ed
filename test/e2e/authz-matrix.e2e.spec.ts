/**
 * The authorisation matrix (P3, docs/api.md "Conventions", docs/boards.md): every endpoint the
 * API serves × every kind of caller, each cell the exact status expected. The table must name
 * every (method, path) the API serves, read from the OpenAPI document and from the HTTP router
 * alike, so that a new endpoint fails this test until someone decides who may call it.
 *
 * Case routes run on cases opened by se-ngo-1-cw-1 (so assigned to her). The rows are in journey
 * order on two shared cases, one driven by the assigned caseworker and one by her supervisor, so
 * that both authorised callers meet the same state; a refused caller changes nothing. Commands
 * that change the assignee, end reflection or close the case run on fresh cases of their own.
 * An authorised caller may meet a rule of the domain (409, 422, or 403 naming R8/R22): that
 * exact code is in the cell. A case route the caller may not see answers exactly like a missing
 * case (404, same body).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@ariadne/persistence';
import {
  type ApiStack,
  type Caller,
  DEMO_PASSWORD,
  type HttpResult,
  mustEnv,
  startApiStack,
} from '../support/stack';
import { loginWithSecondFactor } from '../support/second-factor';

/** As the stack's callers, but reads JSON only when the answer is JSON (YAML). */
function anyCaller(baseUrl: string, token?: string): Caller {
  return async (method, path, body) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = /json/.test(res.headers.get('content-type') ?? '') && text;
    return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text };
  };
}

jest.setTimeout(90_000);

const ROLES = [
  'anonymous',
  'cwAssigned',
  'cwOther',
  'supOwn',
  'supOther',
  'coordSame',
  'coordOther',
  'admin',
  'auditor',
] as const;
type Role = (typeof ROLES)[number];

/** The demo account standing for each role; the case's organisation is se-ngo-1 (SE). */
const LOGIN: Record<Exclude<Role, 'anonymous'>, string> = {
  cwAssigned: 'se-ngo-1-cw-1',
  cwOther: 'se-ngo-1-cw-2',
  supOwn: 'se-ngo-1-sup',
  supOther: 'se-shelter-1-sup',
  coordSame: 'se-coordinator',
  coordOther: 'no-coordinator',
  admin: 'se-admin',
  auditor: 'se-auditor',
};

const HER = { language: 'ro', interpreterUsed: false };
const ROW_ORDER_NOTE = 'rows run in order: the shared cases advance along the journey';

type Statuses = readonly [number, number, number, number, number, number, number, number, number];
type Command = readonly [path: string, body: unknown];

interface Row {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** As in the OpenAPI document: `{caseId}`-style parameters. */
  readonly path: string;
  readonly expected: Readonly<Record<Role, number>>;
  readonly body?: unknown | ((role: Role) => unknown);
  readonly query?: string;
  /** Commands the assigned caseworker sends on the row's case(s) first, each must be accepted. */
  readonly prep?: readonly Command[];
  /** A fresh case for each authorised caller: the command changes assignee, phase or status. */
  readonly ownCase?: boolean;
  /** Path parameters other than caseId (defaults: service-1, consent-1, referral-1). */
  readonly params?: Readonly<Record<string, string>>;
}

function row(
  method: Row['method'],
  path: string,
  statuses: Statuses,
  options: Omit<Row, 'method' | 'path' | 'expected'> = {},
): Row {
  const expected = Object.fromEntries(ROLES.map((r, i) => [r, statuses[i]])) as Record<
    Role,
    number
  >;
  return { method, path, expected, ...options };
}

const C = '/api/v1/cases/{caseId}';
/** The account the admin row creates: a new login each run. */
const MATRIX_LOGIN = `matrix-${randomUUID().slice(0, 8)}`;

// prettier-ignore
const MATRIX: readonly Row[] = [
  //                                                       anon cwA  cwO  supO supX coS  coX  adm  aud
  // Operations and authentication
  row('GET',  '/health',                                  [200, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('GET',  '/health/ready',                            [200, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('GET',  '/health/live',                             [200, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('GET',  '/api/openapi.json',                        [200, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('GET',  '/api/docs-yaml',                           [200, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('POST', '/api/v1/auth/login',                       [200, 200, 200, 200, 200, 200, 200, 200, 200], {
    body: (r: Role) => ({ login: r === 'anonymous' ? LOGIN.cwAssigned : LOGIN[r], password: DEMO_PASSWORD }),
  }),
  row('GET',  '/api/v1/auth/me',                          [401, 200, 200, 200, 200, 200, 200, 200, 200]),
  // Her language: each keeps her default (no-coordinator is Norwegian, the others Swedish).
  row('PATCH', '/api/v1/auth/me',                         [401, 200, 200, 200, 200, 200, 200, 200, 200], {
    body: (r: Role) => ({ locale: r === 'coordOther' ? 'nb' : 'sv' }),
  }),
  row('GET',  '/api/v1/auth/config',                      [200, 200, 200, 200, 200, 200, 200, 200, 200]),
  // Session routes answer to the cookie, not the bearer token: no cookie here, so no session.
  row('POST', '/api/v1/auth/refresh',                     [401, 401, 401, 401, 401, 401, 401, 401, 401]),
  row('POST', '/api/v1/auth/logout',                      [204, 204, 204, 204, 204, 204, 204, 204, 204]),
  // Sign-in by redirect is off in this stack (see session.e2e.spec.ts for it on).
  row('GET',  '/api/v1/auth/oidc/start',                  [404, 404, 404, 404, 404, 404, 404, 404, 404]),
  row('GET',  '/api/v1/auth/oidc/callback',               [404, 404, 404, 404, 404, 404, 404, 404, 404]),
  // Boards, statistics, audit, inbox
  row('GET',  '/api/v1/supervision/stalled',              [401, 403, 403, 200, 200, 403, 403, 403, 403]),
  row('GET',  '/api/v1/supervision/overdue',              [401, 403, 403, 200, 200, 403, 403, 403, 403]),
  row('GET',  '/api/v1/supervision/workload',             [401, 403, 403, 200, 200, 403, 403, 403, 403]),
  row('GET',  '/api/v1/coordination/return-readiness',    [401, 403, 403, 403, 403, 200, 200, 403, 403]),
  row('GET',  '/api/v1/coordination/return-readiness/counts', [401, 403, 403, 403, 403, 200, 200, 403, 403]),
  row('GET',  '/api/v1/coordination/referrals',           [401, 403, 403, 403, 403, 200, 200, 403, 403]),
  row('GET',  '/api/v1/statistics/cases',                 [401, 403, 403, 200, 200, 200, 200, 200, 403]),
  row('GET',  '/api/v1/statistics/indicators',            [401, 403, 403, 200, 200, 200, 200, 200, 403]),
  // The supervisor's caseload (CSV), her organisation only.
  row('GET',  '/api/v1/exports/caseload',                 [401, 403, 403, 200, 200, 403, 403, 403, 403]),
  // HTCDS 2.0: the coordinator's de-identified export; a supervisor's import (no .xlsx body: 415).
  row('GET',  '/api/v1/htcds/export',                     [401, 403, 403, 403, 403, 200, 200, 403, 403]),
  row('POST', '/api/v1/htcds/import',                     [401, 403, 403, 415, 415, 403, 403, 403, 403]),
  row('GET',  '/api/v1/audit',                            [401, 403, 403, 403, 403, 403, 403, 403, 200], { query: '?limit=1' }),
  row('GET',  '/api/v1/audit/verify',                     [401, 403, 403, 403, 403, 403, 403, 403, 200]),
  row('GET',  '/api/v1/inbox',                            [401, 200, 200, 200, 200, 403, 403, 403, 403]),
  row('GET',  '/api/v1/tasks',                            [401, 200, 200, 200, 200, 403, 403, 403, 403]),
  // The directory of the caller's own organisation: every signed-in role.
  row('GET',  '/api/v1/users',                            [401, 200, 200, 200, 200, 200, 200, 200, 200]),
  // Organisation names for boards: her own, or her country's (coordinator, admin, auditor).
  row('GET',  '/api/v1/organisations',                    [401, 200, 200, 200, 200, 200, 200, 200, 200]),
  // Administration of her country's organisations and accounts (issue 9): admins change,
  // auditors read, nobody else. The writes keep the demo data as it was (same values).
  row('GET',  '/api/v1/admin/organisations',              [401, 403, 403, 403, 403, 403, 403, 200, 200]),
  row('POST', '/api/v1/admin/organisations',              [401, 403, 403, 403, 403, 403, 403, 201, 403], {
    body: { name: 'Matrix NGO (SE)', type: 'NGO' },
  }),
  row('PATCH', '/api/v1/admin/organisations/{organisationId}', [401, 403, 403, 403, 403, 403, 403, 200, 403], {
    body: { name: 'Demo shelter (SE)' }, params: { organisationId: 'se-shelter-1' },
  }),
  row('GET',  '/api/v1/admin/users',                      [401, 403, 403, 403, 403, 403, 403, 200, 200]),
  row('GET',  '/api/v1/admin/users/{userId}',             [401, 403, 403, 403, 403, 403, 403, 200, 200], {
    params: { userId: 'se-ngo-1-cw-2' },
  }),
  row('POST', '/api/v1/admin/users',                      [401, 403, 403, 403, 403, 403, 403, 201, 403], {
    body: { displayName: 'Matrix', login: MATRIX_LOGIN, email: `${MATRIX_LOGIN}@e2e.example`, role: 'caseworker', organisationId: 'se-ngo-1' },
  }),
  row('PATCH', '/api/v1/admin/users/{userId}',            [401, 403, 403, 403, 403, 403, 403, 200, 403], {
    body: { displayName: 'Demo caseworker 2' }, params: { userId: 'se-ngo-1-cw-2' },
  }),
  row('POST', '/api/v1/admin/users/{userId}/invitation',  [401, 403, 403, 403, 403, 403, 403, 204, 403], {
    params: { userId: 'se-ngo-1-cw-2' },
  }),
  // Passwords: a reset answers 202 for anyone (here an unknown login); a link's token that is
  // no token 400; changing her own needs the current password (a wrong one here: 400).
  row('POST', '/api/v1/auth/password-reset',              [202, 202, 202, 202, 202, 202, 202, 202, 202], {
    body: { login: 'nobody-in-the-matrix' },
  }),
  row('POST', '/api/v1/auth/password',                    [400, 400, 400, 400, 400, 400, 400, 400, 400], {
    body: { token: 'A'.repeat(43), newPassword: 'matrix long passphrase' },
  }),
  row('POST', '/api/v1/auth/me/password',                 [401, 400, 400, 400, 400, 400, 400, 400, 400], {
    body: { currentPassword: 'not the password', newPassword: 'matrix long passphrase' },
  }),
  // Anyone signed in confirms her own password (ASVS 7.5.3); supervisors, admins and auditors
  // have a second factor (the demo TOTP), so the password alone is not enough for them (401).
  row('POST', '/api/v1/auth/reauthenticate',              [401, 200, 200, 401, 401, 200, 200, 401, 401], {
    body: { password: DEMO_PASSWORD },
  }),
  // A passkey challenge for it: the demo accounts have no passkey (409 no-passkey).
  row('POST', '/api/v1/auth/reauthenticate/passkey-options', [401, 409, 409, 409, 409, 409, 409, 409, 409]),
  // The second step of sign-in is public: the challenge token in the body is the credential
  // (here one that names no sign-in: 401 for everyone). ADR 0011.
  row('POST', '/api/v1/auth/login/second-factor',         [401, 401, 401, 401, 401, 401, 401, 401, 401], {
    body: { challengeToken: 'A'.repeat(43), totp: '123456' },
  }),
  row('POST', '/api/v1/auth/login/second-factor/passkey-options', [401, 401, 401, 401, 401, 401, 401, 401, 401], {
    body: { challengeToken: 'A'.repeat(43) },
  }),
  row('POST', '/api/v1/auth/login/enrolment/totp',        [401, 401, 401, 401, 401, 401, 401, 401, 401], {
    body: { challengeToken: 'A'.repeat(43) },
  }),
  row('POST', '/api/v1/auth/login/enrolment/totp/confirm', [401, 401, 401, 401, 401, 401, 401, 401, 401], {
    body: { challengeToken: 'A'.repeat(43), code: '123456' },
  }),
  row('POST', '/api/v1/auth/login/enrolment/passkey-options', [401, 401, 401, 401, 401, 401, 401, 401, 401], {
    body: { challengeToken: 'A'.repeat(43) },
  }),
  row('POST', '/api/v1/auth/login/enrolment/passkey',     [401, 401, 401, 401, 401, 401, 401, 401, 401], {
    body: { challengeToken: 'A'.repeat(43), name: 'Laptop', response: {} },
  }),
  // Her own second factor, whatever her role. Supervisors, admins and auditors have TOTP (the
  // demo secret; required for them): another set-up 409, turning it off 409; the others have
  // none: recovery codes 409 (nothing they would stand in for).
  row('GET',  '/api/v1/auth/second-factor',               [401, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('POST', '/api/v1/auth/second-factor/totp',          [401, 200, 200, 409, 409, 200, 200, 409, 409]),
  row('POST', '/api/v1/auth/second-factor/totp/confirm',  [401, 400, 400, 400, 400, 400, 400, 400, 400], {
    body: { code: '000000' },
  }),
  row('DELETE', '/api/v1/auth/second-factor/totp',        [401, 204, 204, 409, 409, 204, 204, 409, 409]),
  row('POST', '/api/v1/auth/second-factor/recovery-codes', [401, 409, 409, 200, 200, 409, 409, 200, 200]),
  row('POST', '/api/v1/auth/second-factor/passkeys/options', [401, 200, 200, 200, 200, 200, 200, 200, 200]),
  // An answer that matches no ceremony of hers: 400.
  row('POST', '/api/v1/auth/second-factor/passkeys',      [401, 400, 400, 400, 400, 400, 400, 400, 400], {
    body: { name: 'Laptop', response: {} },
  }),
  row('DELETE', '/api/v1/auth/second-factor/passkeys/{credentialId}', [401, 404, 404, 404, 404, 404, 404, 404, 404], {
    params: { credentialId: 'bm8tc3VjaC1wYXNza2V5' },
  }),
  // {id}: a reminder addressed to se-ngo-1-cw-1 (R20): hers only.
  row('POST', '/api/v1/inbox/{id}/read',                  [401, 200, 404, 404, 404, 403, 403, 403, 403]),
  // Mail: her own preferences (every role); her calendar feed (those with deadlines); the feed
  // itself is public, its secret URL the credential (an unknown one: 404); failed deliveries
  // for admins. Escalations cannot be switched off (R20: 400).
  row('GET',  '/api/v1/me/notification-preferences',      [401, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('PUT',  '/api/v1/me/notification-preferences',      [401, 200, 200, 200, 200, 200, 200, 200, 200], {
    body: { kinds: { stall: 'digest' }, digestHour: 8 },
  }),
  row('GET',  '/api/v1/me/calendar-feed',                 [401, 200, 200, 200, 200, 403, 403, 403, 403]),
  row('POST', '/api/v1/me/calendar-feed',                 [401, 201, 201, 201, 201, 403, 403, 403, 403]),
  row('DELETE', '/api/v1/me/calendar-feed',               [401, 204, 204, 204, 204, 403, 403, 403, 403]),
  row('GET',  '/api/v1/calendar/{file}',                  [404, 404, 404, 404, 404, 404, 404, 404, 404], {
    params: { file: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' },
  }),
  row('GET',  '/api/v1/admin/outbox',                     [401, 403, 403, 403, 403, 403, 403, 200, 403], { query: '?status=failed' }),
  // Cases
  row('GET',  '/api/v1/cases',                            [401, 200, 200, 200, 200, 403, 403, 403, 403]),
  row('POST', '/api/v1/cases/find',                       [401, 200, 200, 200, 200, 403, 403, 403, 403], {
    body: { name: 'Nobody Known' },
  }),
  row('POST', '/api/v1/cases',                            [401, 201, 201, 201, 201, 403, 403, 403, 403], {
    body: { referralSource: 'ngo-outreach' },
  }),
  row('GET',  `${C}`,                                     [401, 200, 404, 200, 404, 403, 403, 403, 403]),
  row('GET',  `${C}/actions`,                             [401, 200, 404, 200, 404, 403, 403, 403, 403]),
  row('GET',  `${C}/deadlines`,                           [401, 200, 404, 200, 404, 403, 403, 403, 403]),
  row('GET',  `${C}/readiness`,                           [401, 200, 404, 200, 404, 403, 403, 403, 403]),
  row('GET',  `${C}/timeline`,                            [401, 200, 404, 200, 404, 403, 403, 403, 403]),
  row('GET',  `${C}/person`,                              [401, 200, 404, 200, 404, 403, 403, 403, 403]),
  // Her own data (GDPR Art. 15, 20): an encrypted zip; a recent sign-in (the callers' are fresh).
  row('POST', `${C}/exports/subject-data`,                [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { language: 'sv', password: 'matrix-archive-password' },
  }),
  // Commands: intake
  row('POST', `${C}/person-details`,                      [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { personal: { identity: { language: 'ro' } } },
  }),
  row('POST', `${C}/immediate-needs`,                     [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { need: 'safety' },
  }),
  row('POST', `${C}/immediate-needs/met`,                 [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { need: 'safety' },
  }),
  row('POST', `${C}/identification`,                      [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { outcome: 'reasonable-grounds', decidedBy: 'police' },
  }),
  // R28: after a positive reasonable-grounds decision (prepared on a case of its own).
  row('POST', `${C}/identification/conclusive`,           [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { outcome: 'negative', decidedBy: 'migration-authority' }, ownCase: true,
    prep: [['identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }]],
  }),
  // Reflection; early end is a supervisor's decision (R8: 403 for the caseworker)
  row('POST', `${C}/reflection/extension`,                [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { totalPeriod: 'P2M' },
  }),
  row('POST', `${C}/reflection/early-end`,                [401, 403, 404, 200, 404, 403, 403, 403, 403], {
    body: { reason: 'public-order' }, ownCase: true, prep: [['identification', { outcome: 'reasonable-grounds', decidedBy: 'police' }]],
  }),
  // Assessment and support
  row('POST', `${C}/rights-information`,                  [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { topics: ['victim-rights'], communication: HER },
  }),
  row('POST', `${C}/health-check-offered`,                [401, 200, 404, 200, 404, 403, 403, 403, 403], { body: {} }),
  row('POST', `${C}/assessments/needs`,                   [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { needs: ['shelter', 'psychosocial', 'legal-counselling', 'financial'] },
  }),
  row('POST', `${C}/assessments/risk`,                    [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { scope: 'general', level: 'low', protectionMeasures: [] },
  }),
  row('POST', `${C}/services`,                            [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { kind: 'shelter', basis: 'plan' }, // service-1
  }),
  row('POST', `${C}/consents`,                            [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { scope: { kind: 'service', service: 'shelter' }, communication: HER }, // consent-1
  }),
  row('POST', `${C}/services/{serviceId}/provided`,       [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: {}, params: { serviceId: 'service-1' },
  }),
  row('POST', `${C}/services/{serviceId}/declined`,       [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { communication: HER }, params: { serviceId: 'service-2' },
    prep: [['services', { kind: 'psychosocial', basis: 'plan' }]],
  }),
  row('POST', `${C}/services/{serviceId}/unavailable`,    [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { reason: 'no-capacity' }, params: { serviceId: 'service-3' },
    prep: [['services', { kind: 'legal-counselling', basis: 'plan' }]],
  }),
  row('POST', `${C}/consents/{consentId}/withdrawal`,     [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { communication: HER }, params: { consentId: 'consent-1' },
  }),
  // Pathway and integration: she chooses return, so the integration plan is refused (R13)
  row('POST', `${C}/pathway`,                             [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { pathway: 'return', communication: HER },
  }),
  row('POST', `${C}/integration-plan`,                    [401, 409, 404, 409, 404, 403, 403, 403, 403], {
    body: { milestones: ['language'] },
  }),
  row('POST', `${C}/milestones`,                          [401, 409, 404, 409, 404, 403, 403, 403, 403], {
    body: { milestone: 'language' },
  }),
  row('POST', `${C}/residence-permit/application`,        [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { ground: 'cooperation' },
  }),
  row('POST', `${C}/residence-permit/decision`,           [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { outcome: 'refused' },
  }),
  row('POST', `${C}/asylum-claim`,                        [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { status: 'lodged' },
  }),
  // Departure and follow-up: reflection still runs, so no departure (R7), no follow-up (R17)
  row('POST', `${C}/departure/reintegration-plan`,        [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { pathway: 'return' },
  }),
  row('POST', `${C}/departure/funding-approved`,          [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { pathway: 'return' },
  }),
  row('POST', `${C}/departure/contacts-given`,            [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { pathway: 'return' },
  }),
  row('POST', `${C}/departure/legal-status-considered`,   [401, 200, 404, 200, 404, 403, 403, 403, 403], { body: {} }),
  row('POST', `${C}/departure/travel`,                    [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { pathway: 'return' },
  }),
  row('POST', `${C}/departure/execution`,                 [401, 409, 404, 409, 404, 403, 403, 403, 403], { body: {} }),
  row('POST', `${C}/follow-ups`,                          [401, 409, 404, 409, 404, 403, 403, 403, 403], {
    body: { contact: 'reached' },
  }),
  row('POST', `${C}/return-financial-assistance`,         [401, 409, 404, 409, 404, 403, 403, 403, 403], { body: {} }),
  row('POST', `${C}/re-trafficking-risk`,                 [401, 409, 404, 409, 404, 403, 403, 403, 403], {
    body: { risk: 'flagged' },
  }),
  // Cross-border referral, under her data-sharing consent (consent-2)
  row('POST', `${C}/referrals`,                           [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: {
      recipientOrganisationId: 'ro-recv-1', recipientCountry: 'RO', purpose: 'return-reception',
      categories: ['return'], personal: { return: { destinationCountry: 'RO' } },
    },
    prep: [['consents', {
      scope: { kind: 'data-sharing', recipientOrganisationId: 'ro-recv-1', purpose: 'return-reception', categories: ['return'] },
      communication: HER,
    }]],
  }),
  // R18: the receiving organisation (ro-recv-1) answers; for se-ngo-1 the referral is not theirs
  // (404, as for a missing one). The receiver's own path: referrals-received.e2e.spec.ts.
  row('GET',  '/api/v1/referrals/received',               [401, 200, 200, 200, 200, 403, 403, 403, 403]),
  row('GET',  '/api/v1/referrals/received/{caseId}/{referralId}', [401, 404, 404, 404, 404, 403, 403, 403, 403]),
  row('POST', '/api/v1/referrals/received/{caseId}/{referralId}/answer', [401, 404, 404, 404, 404, 403, 403, 403, 403], {
    body: { response: 'accepted' },
  }),
  // Referral packages (docs/referral-package.md): no keys configured in this stack (422); the
  // package path: referral-packages.e2e.spec.ts.
  row('POST', `${C}/referrals/{referralId}/package`,     [401, 422, 404, 422, 404, 403, 403, 403, 403]),
  row('POST', '/api/v1/referrals/packages',               [401, 422, 422, 422, 422, 403, 403, 403, 403], {
    body: { package: {} },
  }),
  // Case management; reassignment is a supervisor's decision (R22: 403 for the caseworker)
  row('POST', `${C}/notes`,                               [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { personal: { notes: { text: 'She prefers calls after 18:00.' } } },
  }),
  row('POST', `${C}/legal-steps`,                         [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { step: 'police-report-filed' },
  }),
  row('POST', `${C}/reassignment`,                        [401, 403, 404, 200, 404, 403, 403, 403, 403], {
    body: { assigneeId: 'se-ngo-1-cw-2', reason: 'workload' }, ownCase: true,
  }),
  row('POST', `${C}/closure`,                             [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { reason: 'contact-lost' }, ownCase: true,
  }),
  row('POST', `${C}/reopening`,                           [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { reason: 'new-information' }, ownCase: true, prep: [['closure', { reason: 'contact-lost' }]],
  }),
  // Erasure on her request (P7): a supervisor's decision, on a closed case (R23: an open case
  // answers 409, see erasure.e2e.spec.ts); the caseworker gets 403 naming P7
  row('POST', `${C}/erasure`,                             [401, 403, 404, 200, 404, 403, 403, 403, 403], {
    body: { communication: HER }, ownCase: true, prep: [['closure', { reason: 'contact-lost' }]],
  }),
  // Partner facts (R30): refused facts on the case (none here: 409 naming R30); the integration
  // route takes a partner's secret only, so every staff token is 401; partners are administered
  // by the country's admins (auditors read). An unknown partner id: 404.
  row('GET',  `${C}/refused-facts`,                       [401, 200, 404, 200, 404, 403, 403, 403, 403]),
  row('POST', `${C}/refused-facts/resolution`,            [401, 409, 404, 409, 404, 403, 403, 403, 403], {
    body: { factId: `fact-${'0'.repeat(32)}` },
  }),
  row('POST', '/api/v1/integration/cases/{caseId}/facts', [401, 401, 401, 401, 401, 401, 401, 401, 401], {
    body: { factId: 'matrix-1', kind: 'identification-decision', outcome: 'reasonable-grounds' },
  }),
  row('GET',  '/api/v1/admin/partners',                   [401, 403, 403, 403, 403, 403, 403, 200, 200]),
  row('POST', '/api/v1/admin/partners',                   [401, 403, 403, 403, 403, 403, 403, 201, 403], {
    body: { kind: 'police', allowedFactKinds: ['identification-decision'] },
  }),
  row('POST', '/api/v1/admin/partners/{partnerId}/revocation', [401, 403, 403, 403, 403, 403, 403, 404, 403], {
    params: { partnerId: 'partner-se-000000000000' },
  }),
  // Transfer within the country (R31) to se-shelter-1: proposed by the case's staff; answered
  // by the receiver's supervisor only (se-shelter-1-sup declines: 204), to everyone else the
  // case stays unknown (404); withdrawn by the case's staff.
  row('POST', `${C}/transfer`,                            [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: { receivingOrganisationId: 'se-shelter-1', communication: HER }, ownCase: true,
  }),
  row('POST', `${C}/transfer/answer`,                     [401, 404, 404, 404, 204, 403, 403, 403, 403], {
    body: { response: 'declined' }, ownCase: true,
    prep: [['transfer', { receivingOrganisationId: 'se-shelter-1', communication: HER }]],
  }),
  row('POST', `${C}/transfer/withdrawal`,                 [401, 200, 404, 200, 404, 403, 403, 403, 403], {
    body: {}, ownCase: true,
    prep: [['transfer', { receivingOrganisationId: 'se-shelter-1', communication: HER }]],
  }),
  row('GET',  '/api/v1/transfers',                        [401, 200, 200, 200, 200, 403, 403, 403, 403]),
];

const key = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/** Swagger UI's own pages and assets; the JSON document itself is a row of the matrix. */
const DOCS_UI = /^\/api\/docs(\/|$)/;

/**
 * A route answering every HTTP verb is middleware Nest mounts per verb (logging, the global
 * prefix's exclusions), not an endpoint; a real @All() endpoint is registered as `_all`.
 */
const EVERY_VERB = 30;

/** Every (method, path) Express routes, `:param` written `{param}` as in OpenAPI. */
function routerRoutes(stack: ApiStack): string[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Express internals
  const app: any = stack.api.getHttpAdapter().getInstance();
  const router = app.router ?? app._router;
  const out: string[] = [];
  for (const layer of router.stack as Array<{
    route?: { path: string; methods: Record<string, boolean> };
  }>) {
    if (!layer.route) continue;
    // Express does not route strictly: `/health/` is `/health` (NestJS 12 mounts both).
    const path = layer.route.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
    if (methods.length >= EVERY_VERB) continue;
    for (const method of methods) out.push(key(method === '_all' ? 'ALL' : method, path));
  }
  return out;
}

describe('authorisation matrix: every endpoint × every role', () => {
  let stack: ApiStack;
  let db: DataSource;
  const callers = {} as Record<Role, Caller>;
  /** The two shared cases: driven by the assigned caseworker, and by her supervisor. */
  let caseForCw: string;
  let caseForSup: string;
  let notificationId: string;
  let missingCase: HttpResult['body'];

  async function openCase(): Promise<string> {
    const res = await callers.cwAssigned('POST', '/api/v1/cases', { referralSource: 'police' });
    if (res.status !== 201) throw new Error(`open: ${res.status} ${JSON.stringify(res.body)}`);
    return String(res.body.caseId);
  }

  async function prepare(caseId: string, prep: readonly Command[] = []): Promise<void> {
    for (const [path, body] of prep) {
      const res = await callers.cwAssigned('POST', `/api/v1/cases/${caseId}/${path}`, body);
      if (res.status !== 200) {
        throw new Error(`prep ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  }

  beforeAll(async () => {
    // The matrix is about who may call what, with tokens from one sign-in for the whole file: the
    // window for sensitive actions (ASVS 7.5.3) is an hour here, so a slow run meets no
    // reauthentication-required; that rule has its own test (reauthentication.e2e.spec.ts).
    stack = await startApiStack({ ARIADNE_REAUTH_MAX_AGE: '3600' });
    db = await createDataSource(mustEnv('DATABASE_URL')).initialize();
    callers.anonymous = anyCaller(stack.baseUrl);
    await Promise.all(
      (Object.keys(LOGIN) as Array<keyof typeof LOGIN>).map(async (r) => {
        const login = await loginWithSecondFactor(stack.baseUrl, LOGIN[r], DEMO_PASSWORD);
        expect([r, login.status]).toEqual([r, 200]);
        callers[r] = anyCaller(stack.baseUrl, String(login.body.accessToken));
      }),
    );
    [caseForCw, caseForSup] = await Promise.all([openCase(), openCase()]);
    // Test-only: a reminder for the assigned caseworker, as the case's timers would write (R20).
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO notifications
         (event_id, case_id, organisation_id, recipient_user_id, recipient_role, kind, deadline,
          due_at, created_at)
       VALUES ($1, $2, 'se-ngo-1', $3, NULL, 'reminder', 'rights-information', now(), now())
       RETURNING id`,
      [randomUUID(), caseForCw, LOGIN.cwAssigned],
    );
    notificationId = String(rows[0]?.id);
    missingCase = (await callers.cwAssigned('GET', `/api/v1/cases/${randomUUID()}`)).body;
    expect(missingCase).toMatchObject({ status: 404 });
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  it('names every endpoint the API serves, no more, no less (OpenAPI document and router)', async () => {
    const doc = await stack.anonymous('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const documented = Object.entries(doc.body.paths as Record<string, object>).flatMap(
      ([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(m))
          .map((m) => key(m, path)),
    );
    const routed = routerRoutes(stack).filter((k) => !DOCS_UI.test(k.split(' ')[1] ?? ''));
    const matrix = MATRIX.map((r) => key(r.method, r.path));

    expect(new Set(matrix).size).toBe(matrix.length);
    expect(documented.length).toBeGreaterThan(40);
    // The router serves what OpenAPI documents, plus the OpenAPI document itself.
    expect([...new Set(routed)].sort()).toEqual([...matrix].sort());
    const documents = [key('GET', '/api/openapi.json'), key('GET', '/api/docs-yaml')];
    expect([...new Set(documented)].sort()).toEqual(
      matrix.filter((k) => !documents.includes(k)).sort(),
    );
  });

  describe(ROW_ORDER_NOTE, () => {
    it.each(MATRIX.map((r) => [key(r.method, r.path), r] as const))('%s', async (_, r) => {
      const onCase = r.path.startsWith(C);
      let cwCase = caseForCw;
      let supCase = caseForSup;
      if (onCase && r.ownCase) [cwCase, supCase] = await Promise.all([openCase(), openCase()]);
      if (onCase) await Promise.all([prepare(cwCase, r.prep), prepare(supCase, r.prep)]);

      const params: Record<string, string> = {
        serviceId: 'service-1',
        consentId: 'consent-1',
        referralId: 'referral-1',
        id: notificationId,
        ...r.params,
      };
      const url = (caseId: string): string =>
        r.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
          name === 'caseId' ? caseId : (params[name] ?? `unresolved-${name}`),
        ) + (r.query ?? '');
      const call = (role: Role): Promise<HttpResult> => {
        const body = typeof r.body === 'function' ? r.body(role) : r.body;
        return callers[role](r.method, url(role === 'supOwn' ? supCase : cwCase), body);
      };

      // Refused callers first: they must change nothing for the authorised ones that follow.
      const results = {} as Record<Role, HttpResult>;
      const refusedFirst = ROLES.filter((role) => role !== 'cwAssigned' && role !== 'supOwn');
      await Promise.all(refusedFirst.map(async (role) => (results[role] = await call(role))));
      await Promise.all(
        (['cwAssigned', 'supOwn'] as const).map(async (role) => (results[role] = await call(role))),
      );

      const got = Object.fromEntries(ROLES.map((role) => [role, results[role].status]));
      const why = Object.fromEntries(
        ROLES.filter((role) => results[role].status !== r.expected[role]).map((role) => [
          role,
          results[role].body?.rule ?? results[role].body?.type ?? results[role].body?.title,
        ]),
      );
      expect({ statuses: got, mismatches: why }).toEqual({ statuses: r.expected, mismatches: {} });

      for (const role of ROLES) {
        const res = results[role];
        if (res.status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
        // P3: a case the caller may not see answers exactly like a missing one.
        if (onCase && res.status === 404) expect([role, res.body]).toEqual([role, missingCase]);
      }
    });
  });
});
