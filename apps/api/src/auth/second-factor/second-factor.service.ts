import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { AuditTrail, DATA_SOURCE, IdentityRepository, type UserEntity } from '@ariadne/persistence';
import { SECURITY_CONFIG, SecretBox, type SecurityConfig, totpSecretBox } from '@ariadne/security';
import { problem } from '../../common/problem';
import {
  mustUseSecondFactor,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  verifyTotp,
} from './totp';
import { type WebAuthnSettings, webAuthnSettings } from './webauthn-settings';

/** What proves the second factor: one of these. */
export interface SecondFactorProof {
  readonly totp?: string | null;
  readonly recoveryCode?: string | null;
  readonly webauthn?: AuthenticationResponseJSON | null;
}

export type SecondFactorMethod = 'totp' | 'recovery-code' | 'webauthn';

export interface Passkey {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export interface SecondFactorStatus {
  readonly required: boolean;
  readonly totp: boolean;
  readonly recoveryCodesLeft: number;
  readonly passkeys: readonly Passkey[];
}

export interface TotpEnrolment {
  /** Base32, for typing into the app by hand; shown once, never stored in clear. */
  readonly secret: string;
  readonly otpauthUri: string;
}

export type SignInChallengePurpose = 'second-factor' | 'enrolment';

/** How long the token between password and second factor lives. */
export const SIGN_IN_CHALLENGE_SECONDS = 300;
/** How long a passkey ceremony may take. */
const WEBAUTHN_CHALLENGE_SECONDS = 300;
const MAX_PASSKEYS = 10;

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * The second factor of staff accounts (ASVS 5.0 ch. 6): TOTP with single-use recovery codes, and
 * WebAuthn passkeys. State is in PostgreSQL only (several API replicas); the TOTP seed is sealed
 * with a key derived from the master key; codes and secrets are never logged or audited.
 *
 * `verify` and `hasSecondFactor` are the stable interface for re-authentication.
 */
@Injectable()
export class SecondFactorService {
  private readonly logger = new Logger('SecondFactor');
  private readonly totpBox: SecretBox;
  private readonly codeBox: SecretBox;
  readonly webauthn: WebAuthnSettings;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(SECURITY_CONFIG) security: SecurityConfig,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly trail: AuditTrail,
    private readonly identity: IdentityRepository,
  ) {
    this.totpBox = totpSecretBox(security.masterKeys);
    this.codeBox = new SecretBox(security.masterKeys, 'recovery-code');
    this.webauthn = webAuthnSettings(config);
  }

  // --- The interface for sign-in and re-authentication --------------------------------------

  /** Whether she has a confirmed TOTP or at least one passkey. */
  async hasSecondFactor(userId: string): Promise<boolean> {
    return (await this.methods(userId)).length > 0;
  }

  /** The ways she can prove her second factor now (empty: none enrolled). */
  async methods(userId: string): Promise<SecondFactorMethod[]> {
    const [row] = (await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS totp,
              EXISTS (SELECT 1 FROM webauthn_credentials WHERE user_id = $1) AS webauthn,
              EXISTS (SELECT 1 FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL) AS codes`,
      [userId],
    )) as { totp: boolean; webauthn: boolean; codes: boolean }[];
    if (!row || (!row.totp && !row.webauthn)) return [];
    const methods: SecondFactorMethod[] = [];
    if (row.totp) methods.push('totp');
    if (row.webauthn) methods.push('webauthn');
    if (row.codes) methods.push('recovery-code');
    return methods;
  }

  /** Whether she must use a second factor: by her role, or her organisation's setting. */
  async isRequired(user: Pick<UserEntity, 'role' | 'organisationId'>): Promise<boolean> {
    const org = await this.identity.findOrganisationById(user.organisationId);
    return mustUseSecondFactor(user.role, Boolean(org?.requireSecondFactor));
  }

  /**
   * Checks one proof of her second factor; true when it holds. A TOTP code's time step is spent
   * (never accepted again), a recovery code is used up, a passkey's challenge is consumed.
   * Records nothing: the caller audits the outcome in its own context.
   */
  async verify(userId: string, proof: SecondFactorProof): Promise<boolean> {
    if (!(await this.hasSecondFactor(userId))) return false;
    if (typeof proof.totp === 'string') return this.verifyTotpCode(userId, proof.totp);
    if (typeof proof.recoveryCode === 'string')
      return this.useRecoveryCode(userId, proof.recoveryCode);
    if (proof.webauthn && typeof proof.webauthn === 'object')
      return this.verifyPasskey(userId, proof.webauthn);
    return false;
  }

  /** A passkey challenge for her sign-in or re-authentication (her passkeys only). */
  async authenticationOptions(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const creds = (await this.ds.query(
      `SELECT id, transports FROM webauthn_credentials WHERE user_id = $1`,
      [userId],
    )) as { id: string; transports: string[] }[];
    const options = await generateAuthenticationOptions({
      rpID: this.webauthn.rpId,
      allowCredentials: creds.map((c) => ({
        id: c.id,
        transports: c.transports as AuthenticatorTransportFuture[],
      })),
      userVerification: 'preferred',
    });
    await this.saveChallenge(userId, 'authentication', options.challenge);
    return options;
  }

  // --- Sign-in challenge tokens ----------------------------------------------------------------

  /** A token for the step after the password: five minutes, single use, bound to her. */
  async issueChallenge(userId: string, purpose: SignInChallengePurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.ds.query(
      `DELETE FROM sign_in_challenges WHERE user_id = $1 AND expires_at < now()`,
      [userId],
    );
    await this.ds.query(
      `INSERT INTO sign_in_challenges (token_hash, user_id, purpose, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sha256(token), userId, purpose, SIGN_IN_CHALLENGE_SECONDS],
    );
    return token;
  }

  /** The account of a live, unused token of this purpose; null otherwise. */
  async challengeUser(token: unknown, purpose: SignInChallengePurpose): Promise<UserEntity | null> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const [row] = (await this.ds.query(
      `SELECT user_id FROM sign_in_challenges
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [sha256(token), purpose],
    )) as { user_id: string }[];
    if (!row) return null;
    const user = await this.identity.findUserById(row.user_id);
    return user?.active ? user : null;
  }

  /** Uses the token up; false when it was used (or expired) meanwhile. */
  async spendChallenge(token: string): Promise<boolean> {
    const [rows] = (await this.ds.query(
      `UPDATE sign_in_challenges SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
      [sha256(token)],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  // --- Her own settings ------------------------------------------------------------------------

  async status(userId: string): Promise<SecondFactorStatus> {
    const user = await this.identity.findUserById(userId);
    const [row] = (await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS totp,
              (SELECT count(*)::int FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL) AS codes`,
      [userId],
    )) as { totp: boolean; codes: number }[];
    return {
      required: user ? await this.isRequired(user) : false,
      totp: Boolean(row?.totp),
      recoveryCodesLeft: row?.codes ?? 0,
      passkeys: await this.passkeys(userId),
    };
  }

  async passkeys(userId: string): Promise<Passkey[]> {
    const rows = (await this.ds.query(
      `SELECT id, name, created_at, last_used_at FROM webauthn_credentials
        WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    )) as { id: string; name: string; created_at: Date; last_used_at: Date | null }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  /** A new TOTP secret to confirm; replaces an unconfirmed one. 409 when one is confirmed. */
  async startTotp(userId: string): Promise<TotpEnrolment> {
    const user = await this.requireUser(userId);
    const secret = newTotpSecret();
    const [rows] = (await this.ds
      .query(
        `INSERT INTO totp_factors (user_id, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed,
         created_at = now(), last_time_step = NULL
         WHERE totp_factors.confirmed_at IS NULL
       RETURNING user_id`,
        [userId, this.totpBox.seal(userId, secret)],
      )
      .then((r: unknown[]) => [r])) as [unknown[]];
    if (rows.length !== 1) {
      throw problem(HttpStatus.CONFLICT, 'totp-already-enrolled', 'TOTP is already set up', {
        detail: 'Turn the authenticator app off first to set up another.',
      });
    }
    // The label names the account by its opaque id, never her name or e-mail address.
    return { secret, otpauthUri: otpauthUri(secret, user.id) };
  }

  /**
   * Confirms the pending secret with a code from her app; the new recovery codes when she had
   * none left (shown once). 400 when the code is wrong or nothing is pending.
   */
  async confirmTotp(userId: string, code: string): Promise<{ recoveryCodes: string[] | null }> {
    const [row] = (await this.ds.query(
      `SELECT secret_sealed FROM totp_factors WHERE user_id = $1 AND confirmed_at IS NULL`,
      [userId],
    )) as { secret_sealed: string }[];
    const step = row
      ? await verifyTotp(this.totpBox.open(userId, row.secret_sealed), code, null)
      : null;
    if (step === null) throw wrongCode('code');
    const [updated] = (await this.ds.query(
      `UPDATE totp_factors SET confirmed_at = now(), last_time_step = $2
        WHERE user_id = $1 AND confirmed_at IS NULL RETURNING user_id`,
      [userId, step],
    )) as [unknown[], number];
    if (updated.length !== 1) throw wrongCode('code');
    await this.audit(userId, 'auth.second-factor.enrol', 'totp');
    return { recoveryCodes: await this.recoveryCodesIfNone(userId) };
  }

  /** Turns TOTP off; 409 when she must use a second factor and has no passkey. */
  async disableTotp(userId: string): Promise<void> {
    const user = await this.requireUser(userId);
    const passkeys = await this.passkeys(userId);
    if (passkeys.length === 0 && (await this.isRequired(user))) throw lastFactor();
    await this.ds.query(`DELETE FROM totp_factors WHERE user_id = $1`, [userId]);
    if (passkeys.length === 0)
      await this.ds.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
    await this.audit(userId, 'auth.second-factor.disable', 'totp');
  }

  /** Ten new recovery codes, the old ones void. 409 when she has no second factor. */
  async regenerateRecoveryCodes(userId: string): Promise<string[]> {
    if (!(await this.hasSecondFactor(userId))) {
      throw problem(HttpStatus.CONFLICT, 'no-second-factor', 'No second factor is set up', {
        detail: 'Recovery codes stand in for a second factor: set one up first.',
      });
    }
    const codes = await this.ds.transaction((m) => this.replaceRecoveryCodes(m, userId));
    await this.audit(userId, 'auth.second-factor.recovery-codes', 'recovery-code');
    return codes;
  }

  async registrationOptions(userId: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const user = await this.requireUser(userId);
    const existing = (await this.ds.query(
      `SELECT id, transports FROM webauthn_credentials WHERE user_id = $1`,
      [userId],
    )) as { id: string; transports: string[] }[];
    if (existing.length >= MAX_PASSKEYS) {
      throw problem(HttpStatus.CONFLICT, 'too-many-passkeys', 'Too many passkeys', {
        detail: `Remove one first (at most ${MAX_PASSKEYS}).`,
      });
    }
    const options = await generateRegistrationOptions({
      rpName: this.webauthn.rpName,
      rpID: this.webauthn.rpId,
      // The opaque id, never her name: the authenticator shows it in its account list.
      userName: user.id,
      userDisplayName: user.id,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({
        id: c.id,
        transports: c.transports as AuthenticatorTransportFuture[],
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    await this.saveChallenge(userId, 'registration', options.challenge);
    return options;
  }

  /** Stores the new passkey; new recovery codes when she had none (shown once). */
  async verifyRegistration(
    userId: string,
    name: string,
    response: RegistrationResponseJSON,
  ): Promise<{ passkey: Passkey; recoveryCodes: string[] | null }> {
    const challenge = challengeOf(response?.response?.clientDataJSON);
    if (!challenge || !(await this.takeChallenge(userId, 'registration', challenge))) {
      throw passkeyRefused();
    }
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: [...this.webauthn.origins],
      expectedRPID: this.webauthn.rpId,
      requireUserVerification: false,
    }).catch((e: unknown) => {
      this.logger.log(`passkey registration refused: ${e instanceof Error ? e.name : 'error'}`);
      return null;
    });
    if (!verification?.verified || !verification.registrationInfo) throw passkeyRefused();
    const { credential } = verification.registrationInfo;
    const [rows] = (await this.ds
      .query(
        `INSERT INTO webauthn_credentials (id, user_id, name, public_key, counter, transports)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING
       RETURNING id, name, created_at, last_used_at`,
        [
          credential.id,
          userId,
          name,
          Buffer.from(credential.publicKey),
          credential.counter,
          credential.transports ?? [],
        ],
      )
      .then((r: unknown[]) => [r])) as [{ id: string; name: string; created_at: Date }[]];
    const row = rows[0];
    if (!row) throw passkeyRefused();
    await this.audit(userId, 'auth.second-factor.enrol', 'webauthn');
    return {
      passkey: { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: null },
      recoveryCodes: await this.recoveryCodesIfNone(userId),
    };
  }

  /** Removes one of her passkeys; 409 when it is her last factor and she must use one. */
  async removePasskey(userId: string, credentialId: string): Promise<void> {
    const user = await this.requireUser(userId);
    const methods = await this.methods(userId);
    const passkeys = await this.passkeys(userId);
    if (!passkeys.some((p) => p.id === credentialId)) {
      throw problem(HttpStatus.NOT_FOUND, 'passkey-not-found', 'No such passkey of yours', {
        errors: [{ field: 'credentialId', message: 'names none of your passkeys' }],
      });
    }
    const last = passkeys.length === 1 && !methods.includes('totp');
    if (last && (await this.isRequired(user))) throw lastFactor();
    await this.ds.query(`DELETE FROM webauthn_credentials WHERE user_id = $1 AND id = $2`, [
      userId,
      credentialId,
    ]);
    if (last) await this.ds.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
    await this.audit(userId, 'auth.second-factor.disable', 'webauthn');
  }

  // --- Internals -------------------------------------------------------------------------------

  private async verifyTotpCode(userId: string, code: string): Promise<boolean> {
    const [row] = (await this.ds.query(
      `SELECT secret_sealed, last_time_step FROM totp_factors
        WHERE user_id = $1 AND confirmed_at IS NOT NULL`,
      [userId],
    )) as { secret_sealed: string; last_time_step: string | null }[];
    if (!row) return false;
    const last = row.last_time_step === null ? null : Number(row.last_time_step);
    const step = await verifyTotp(this.totpBox.open(userId, row.secret_sealed), code, last);
    if (step === null) return false;
    // One statement: of two replicas checking the same code at once, only one wins.
    const [rows] = (await this.ds.query(
      `UPDATE totp_factors SET last_time_step = $2
        WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2) RETURNING user_id`,
      [userId, step],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  private async useRecoveryCode(userId: string, typed: string): Promise<boolean> {
    const code = normaliseRecoveryCode(typed);
    if (!code) return false;
    const rows = (await this.ds.query(
      `SELECT code_hash, key_id FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    )) as { code_hash: Buffer; key_id: string }[];
    const match = rows.find((r) => this.codeBox.matches(r.key_id, r.code_hash, userId, code));
    if (!match) return false;
    const [used] = (await this.ds.query(
      `UPDATE recovery_codes SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
      [userId, match.code_hash],
    )) as [unknown[], number];
    return used.length === 1;
  }

  private async verifyPasskey(
    userId: string,
    response: AuthenticationResponseJSON,
  ): Promise<boolean> {
    const challenge = challengeOf(response?.response?.clientDataJSON);
    if (!challenge || typeof response.id !== 'string') return false;
    if (!(await this.takeChallenge(userId, 'authentication', challenge))) return false;
    const [cred] = (await this.ds.query(
      `SELECT id, public_key, counter, transports FROM webauthn_credentials
        WHERE user_id = $1 AND id = $2`,
      [userId, response.id],
    )) as { id: string; public_key: Buffer; counter: string; transports: string[] }[];
    if (!cred) return false;
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: [...this.webauthn.origins],
      expectedRPID: this.webauthn.rpId,
      credential: {
        id: cred.id,
        publicKey: new Uint8Array(cred.public_key),
        counter: Number(cred.counter),
        transports: cred.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: false,
    }).catch((e: unknown) => {
      this.logger.log(`passkey assertion refused: ${e instanceof Error ? e.name : 'error'}`);
      return null;
    });
    if (!verification?.verified) return false;
    await this.ds.query(
      `UPDATE webauthn_credentials SET counter = $3, last_used_at = now()
        WHERE user_id = $1 AND id = $2`,
      [userId, cred.id, verification.authenticationInfo.newCounter],
    );
    return true;
  }

  private async saveChallenge(
    userId: string,
    purpose: 'registration' | 'authentication',
    challenge: string,
  ): Promise<void> {
    await this.ds.query(`DELETE FROM webauthn_challenges WHERE expires_at < now()`);
    await this.ds.query(
      `INSERT INTO webauthn_challenges (challenge, user_id, purpose, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [challenge, userId, purpose, WEBAUTHN_CHALLENGE_SECONDS],
    );
  }

  /** Consumes a live challenge of hers for this ceremony; false when there is none. */
  private async takeChallenge(
    userId: string,
    purpose: 'registration' | 'authentication',
    challenge: string,
  ): Promise<boolean> {
    const [rows] = (await this.ds.query(
      `DELETE FROM webauthn_challenges
        WHERE challenge = $1 AND user_id = $2 AND purpose = $3 AND expires_at > now()
        RETURNING challenge`,
      [challenge, userId, purpose],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  private async recoveryCodesIfNone(userId: string): Promise<string[] | null> {
    return this.ds.transaction(async (m) => {
      const [row] = (await m.query(
        `SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
        [userId],
      )) as { n: number }[];
      if ((row?.n ?? 0) > 0) return null;
      return this.replaceRecoveryCodes(m, userId);
    });
  }

  private async replaceRecoveryCodes(m: EntityManager, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await m.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
    for (const code of codes) {
      const { keyId, hash } = this.codeBox.hash(userId, code);
      await m.query(`INSERT INTO recovery_codes (user_id, code_hash, key_id) VALUES ($1, $2, $3)`, [
        userId,
        hash,
        keyId,
      ]);
    }
    return codes;
  }

  private async requireUser(userId: string): Promise<UserEntity> {
    const user = await this.identity.findUserById(userId);
    if (!user?.active) {
      throw problem(HttpStatus.NOT_FOUND, 'no-local-account', 'No account record to change', {
        detail: 'Your account is managed by the identity provider only.',
      });
    }
    return user;
  }

  /** An entry naming the account and the kind of factor, never a secret or a code. */
  async audit(
    userId: string,
    action: string,
    purpose: SecondFactorMethod | 'authentication',
    outcome: 'allowed' | 'denied' = 'allowed',
    reason: string | null = null,
    route: string | null = null,
  ): Promise<void> {
    const user = await this.identity.findUserById(userId);
    await this.trail.append({
      actorId: userId,
      actorRole: user?.role ?? null,
      organisationId: user?.organisationId ?? null,
      action,
      categories: [],
      purpose,
      outcome,
      reason,
      route,
    });
  }
}

type AuthenticatorTransportFuture = NonNullable<
  RegistrationResponseJSON['response']['transports']
>[number];

/** The challenge the client data names (base64url), or null when unreadable. */
function challengeOf(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 4096) return null;
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    return typeof data.challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(data.challenge)
      ? data.challenge
      : null;
  } catch {
    return null;
  }
}

function wrongCode(field: string) {
  return problem(HttpStatus.BAD_REQUEST, 'invalid-code', 'The code is not correct', {
    detail: 'Type the current code of your authenticator app.',
    errors: [{ field, message: 'is not the current code' }],
  });
}

function lastFactor() {
  return problem(HttpStatus.CONFLICT, 'second-factor-required', 'A second factor is required', {
    detail: 'Your role or organisation requires a second factor: set up another one first.',
  });
}

function passkeyRefused() {
  return problem(HttpStatus.BAD_REQUEST, 'passkey-refused', 'The passkey was not accepted', {
    detail: 'Start again: the passkey answer did not match the request, or it expired.',
    errors: [{ field: 'response', message: 'does not verify' }],
  });
}
