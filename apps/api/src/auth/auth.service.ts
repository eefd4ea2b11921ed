import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { decodeJwt, errors } from 'jose';
import type { Actor } from '@ariadne/domain';
import {
  defaultLocale,
  dummyPasswordHash,
  hashPassword,
  IdentityRepository,
  type Locale,
  needsRehash,
  verifyPassword,
} from '@ariadne/persistence';
import { problem, type ProblemException } from '../common/problem';
import type { AuthConfigDto, MeDto } from './auth.dto';
import { AUTH_SETTINGS, type AuthSettings, LOCAL_ISSUER } from './auth-settings';
import { type IssuedToken, LocalTokens, type TokenSession } from './local-tokens';
import { IdentityProviderUnavailable, oidcActor, OidcVerifier } from './oidc';
import { OidcLogin, OidcLoginFailed } from './oidc-login';
import {
  type SecondFactorMethod,
  SecondFactorService,
} from './second-factor/second-factor.service';

export interface LoginResult extends IssuedToken {
  readonly tokenType: 'Bearer';
}

export interface SignedIn {
  readonly token: LoginResult;
  readonly actor: Actor;
}

/** The password was right, and a second step comes before any token (ASVS 6.3.3). */
export interface SecondStep {
  readonly secondStep:
    | { secondFactorRequired: true; challengeToken: string; methods: SecondFactorMethod[] }
    | { enrolmentRequired: true; challengeToken: string };
}

/** Who a valid bearer token stands for, and what it says of her authentication. */
export interface Authenticated {
  readonly actor: Actor;
  /** Epoch seconds of her last real authentication; null when the token does not say. */
  readonly authTime: number | null;
  /** Her session (refresh-token family), for a local token issued with one. */
  readonly sessionId: string | null;
  /** A local token (ours); false for an identity provider's access token. */
  readonly local: boolean;
}

function identityProviderUnavailable(): ProblemException {
  return problem(
    HttpStatus.SERVICE_UNAVAILABLE,
    'identity-provider-unavailable',
    'The identity provider cannot be reached',
  );
}

/**
 * One answer for every failed login (unknown login, wrong password, no password, deactivated),
 * so the API cannot be used to find out which logins exist.
 */
export function invalidCredentials(): ProblemException {
  return problem(HttpStatus.UNAUTHORIZED, 'invalid-credentials', 'Invalid credentials', {
    detail: 'The login or the password is not correct.',
  });
}

@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  private readonly local: LocalTokens | null;
  private readonly oidc: OidcVerifier | null;
  private readonly oidcLogin: OidcLogin | null;

  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    private readonly accounts: IdentityRepository,
    private readonly secondFactor: SecondFactorService,
  ) {
    this.local = settings.local ? new LocalTokens(settings.local) : null;
    this.oidc = settings.oidc ? new OidcVerifier(settings.oidc) : null;
    this.oidcLogin =
      settings.oidcLogin && settings.local
        ? new OidcLogin(settings.oidcLogin, settings.local.secret)
        : null;
  }

  /** Computes the dummy hash now, so the first failed login takes no longer than the others. */
  async onModuleInit(): Promise<void> {
    if (this.settings.passwordLogin) await dummyPasswordHash();
  }

  /** What the sign-in page may know before sign-in: nothing about any account. */
  config(): AuthConfigDto {
    return {
      idleTimeoutSeconds: this.settings.session.idleTimeoutSeconds,
      local: this.settings.passwordLogin && this.local !== null,
      oidc: { enabled: this.oidcLogin !== null },
    };
  }

  /**
   * An access token for an actor whose session was just checked (refresh, sign-in,
   * re-authentication); without a session, for one who authenticated just now.
   */
  async issue(actor: Actor, session?: TokenSession): Promise<LoginResult> {
    if (!this.local) throw new Error('no local token settings');
    return { ...(await this.local.issue(actor, session)), tokenType: 'Bearer' };
  }

  async login(login: string, password: string): Promise<SignedIn | SecondStep> {
    const actor = await this.checkPassword(login, password);
    const secondStep = await this.secondStep(actor);
    if (secondStep) return secondStep;
    return { token: await this.issue(actor), actor };
  }

  /**
   * After the right password: the second factor when she has one; when she must have one and
   * has none, she may only set one up. Null: signed in. Sign-ins through the identity provider
   * rely on the provider's own second factor (docs/adr/0011-second-factor.md).
   */
  private async secondStep(actor: Actor): Promise<SecondStep | null> {
    const methods = await this.secondFactor.methods(actor.userId);
    if (methods.length > 0) {
      const challengeToken = await this.secondFactor.issueChallenge(actor.userId, 'second-factor');
      return { secondStep: { secondFactorRequired: true, challengeToken, methods } };
    }
    const user = await this.accounts.findUserById(actor.userId);
    if (user && (await this.secondFactor.isRequired(user))) {
      const challengeToken = await this.secondFactor.issueChallenge(actor.userId, 'enrolment');
      return { secondStep: { enrolmentRequired: true, challengeToken } };
    }
    return null;
  }

  /** The actor whose login and password these are; invalidCredentials() otherwise. */
  async checkPassword(login: string, password: string): Promise<Actor> {
    if (!this.local || !this.settings.passwordLogin) {
      throw problem(HttpStatus.NOT_FOUND, 'local-login-disabled', 'Local login is not enabled', {
        detail: 'Sign in through the identity provider.',
      });
    }
    const user = await this.accounts.findUserByLogin(login);
    // Always one argon2 verification, against a dummy hash when there is nothing to check: the
    // time taken does not depend on whether the login exists.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !user.passwordHash || !user.active || !ok) {
      this.logger.log('login refused');
      throw invalidCredentials();
    }
    if (needsRehash(user.passwordHash)) await this.rehash(user.id, password);
    const actor: Actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
    this.logger.log(`login: ${user.id}`);
    return actor;
  }

  /**
   * Whether the password is the signed-in account's own (re-authentication). False for a wrong
   * one, and for an account without a password; always one argon2 verification.
   */
  async verifyOwnPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.accounts.findUserById(userId);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    return Boolean(user?.passwordHash && user.active && ok);
  }

  /** Whether she can re-authenticate with a password here (local sign-in on, a password set). */
  async hasLocalPassword(userId: string): Promise<boolean> {
    if (!this.settings.passwordLogin || !this.local) return false;
    const user = await this.accounts.findUserById(userId);
    return Boolean(user?.passwordHash);
  }

  /** Who she is, with her name, language and organisation, for her own application. */
  async me(actor: Actor): Promise<MeDto> {
    const [user, org] = await Promise.all([
      this.accounts.findUserById(actor.userId),
      this.accounts.findOrganisationById(actor.organisationId),
    ]);
    const country = org?.country ?? '';
    return {
      userId: actor.userId,
      organisationId: actor.organisationId,
      role: actor.role,
      displayName: user?.displayName ?? null,
      locale: user?.locale ?? defaultLocale(country),
      country,
      organisationName: org?.name ?? actor.organisationId,
    };
  }

  async setLocale(actor: Actor, locale: Locale): Promise<MeDto> {
    if (!(await this.accounts.updateLocale(actor.userId, locale))) {
      // A provider's account with organisation and role from its claims has no record here.
      throw problem(HttpStatus.NOT_FOUND, 'no-local-account', 'No account record to change', {
        detail: 'Your account is managed by the identity provider only.',
      });
    }
    return this.me(actor);
  }

  /** Where to send her to sign in at the provider, and the transaction cookie. */
  async startOidcLogin(): Promise<{ url: URL; transaction: string }> {
    const login = this.requireOidcLogin();
    return login.start().catch((e: unknown) => {
      this.logger.warn(`OIDC discovery failed: ${e instanceof Error ? e.name : 'unknown'}`);
      throw identityProviderUnavailable();
    });
  }

  /**
   * The actor the provider's callback signs in, or null when it signs in no one. Organisation
   * and role always come from her account here (the account must exist and be active).
   */
  async finishOidcLogin(query: string, transaction: unknown): Promise<Actor | null> {
    const login = this.requireOidcLogin();
    const claims = await login.finish(query, transaction).catch((e: unknown) => {
      this.logger.log(
        `OIDC sign-in refused: ${e instanceof OidcLoginFailed ? e.message : 'error'}`,
      );
      return null;
    });
    if (!claims) return null;
    const mapping = {
      userClaim: login.settings.userClaim,
      orgClaim: '',
      roleClaim: '',
      trustClaims: false,
    };
    const actor = await oidcActor(claims, mapping, this.accounts);
    if (!actor) this.logger.log('OIDC sign-in refused: no matching active account');
    else this.logger.log(`login (oidc): ${actor.userId}`);
    return actor;
  }

  private requireOidcLogin(): OidcLogin {
    if (!this.oidcLogin) {
      throw problem(
        HttpStatus.NOT_FOUND,
        'oidc-login-disabled',
        'Sign-in by redirect is not enabled',
        {
          detail: 'Sign in with a local account.',
        },
      );
    }
    return this.oidcLogin;
  }

  /**
   * The actor a bearer token stands for, or null when it stands for no one (malformed, forged,
   * expired, another audience, unknown or deactivated account). Throws only on an outage.
   */
  async authenticate(token: string): Promise<Actor | null> {
    return (await this.authenticateToken(token))?.actor ?? null;
  }

  /** As authenticate(), with what the token says of her authentication (auth_time, session). */
  async authenticateToken(token: string, onVerified?: () => void): Promise<Authenticated | null> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return this.refuse('malformed');
    }
    // Which verifier applies is read from the unverified issuer; the chosen one then checks
    // everything, the issuer included.
    if (this.local && issuer === LOCAL_ISSUER) {
      return this.authenticateLocal(this.local, token, onVerified);
    }
    if (this.oidc && issuer === this.oidc.settings.issuer)
      return this.authenticateOidc(this.oidc, token, onVerified);
    return this.refuse('unknown issuer');
  }

  private async authenticateLocal(
    local: LocalTokens,
    token: string,
    onVerified?: () => void,
  ): Promise<Authenticated | null> {
    const claims = await local.verify(token).catch((e: unknown) => this.refuse(reason(e)));
    if (!claims) return null;
    onVerified?.();
    // The account is read on every request: a deactivated account or a changed role or
    // organisation takes effect at once, not when the token expires.
    const user = await this.accounts.findUserById(claims.userId);
    if (
      !user ||
      !user.active ||
      user.organisationId !== claims.organisationId ||
      user.role !== claims.role
    ) {
      return this.refuse('account inactive or changed');
    }
    return {
      actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
      authTime: claims.authTime,
      sessionId: claims.sessionId,
      local: true,
    };
  }

  private async authenticateOidc(
    oidc: OidcVerifier,
    token: string,
    onVerified?: () => void,
  ): Promise<Authenticated | null> {
    const claims = await oidc.verify(token).catch((e: unknown) => {
      if (!(e instanceof IdentityProviderUnavailable)) return this.refuse(reason(e));
      this.logger.warn('OIDC key set unavailable');
      throw identityProviderUnavailable();
    });
    if (!claims) return null;
    onVerified?.();
    const actor = await oidcActor(claims, oidc.settings, this.accounts);
    if (!actor) return this.refuse('no matching active account');
    // A provider's access token may say when she signed in there (OIDC Core auth_time).
    const authTime =
      typeof claims.auth_time === 'number' && Number.isInteger(claims.auth_time)
        ? claims.auth_time
        : null;
    return { actor, authTime, sessionId: null, local: false };
  }

  private async rehash(userId: string, password: string): Promise<void> {
    try {
      await this.accounts.updatePasswordHash(userId, await hashPassword(password));
    } catch (e) {
      // The login itself succeeded; an upgrade of the stored hash can wait for the next one.
      this.logger.warn(`password rehash failed: ${e instanceof Error ? e.name : 'unknown'}`);
    }
  }

  /** Logs why a token was refused (a category, never the token or a claim) and returns null. */
  private refuse(why: string): null {
    this.logger.debug(`bearer token refused: ${why}`);
    return null;
  }
}

/** The actor of an account: opaque ids only. */
export function actorOf(user: { id: string; organisationId: string; role: Actor['role'] }): Actor {
  return { userId: user.id, organisationId: user.organisationId, role: user.role };
}

function reason(e: unknown): string {
  return e instanceof errors.JOSEError ? e.code : e instanceof Error ? e.name : 'invalid';
}
