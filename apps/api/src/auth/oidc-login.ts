import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';
import { hkdfSync } from 'node:crypto';
import * as oidc from 'openid-client';
import type { OidcLoginSettings } from './auth-settings';
import { OIDC_TRANSACTION_SECONDS } from './session-cookies';

/** What ties a callback to the start of the same sign-in; kept encrypted in her browser. */
interface Transaction {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

export class OidcLoginFailed extends Error {
  override readonly name = 'OidcLoginFailed';
}

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;

/**
 * Sign-in by redirect (OpenID Connect authorisation code flow with PKCE and nonce), with
 * openid-client doing the protocol. The transaction (state, nonce, PKCE verifier) is kept in a
 * short-lived cookie encrypted with a key derived from ARIADNE_AUTH_SECRET, so any API replica
 * can finish a sign-in another one started, and nothing is stored for abandoned ones.
 */
export class OidcLogin {
  private config: Promise<oidc.Configuration> | undefined;
  private readonly key: Uint8Array;

  constructor(
    readonly settings: OidcLoginSettings,
    secret: Uint8Array,
  ) {
    this.key = new Uint8Array(
      hkdfSync('sha256', secret, new Uint8Array(0), 'ariadne oidc transaction', 32),
    );
  }

  /** The provider's metadata, discovered once; a failed discovery is tried again next time. */
  private configuration(): Promise<oidc.Configuration> {
    const s = this.settings;
    this.config ??= oidc
      .discovery(
        s.issuer,
        s.clientId,
        s.clientSecret ?? undefined,
        s.clientSecret ? oidc.ClientSecretPost(s.clientSecret) : oidc.None(),
        // Plain http only for a provider on this machine (tests, development); config allows no other.
        LOOPBACK.test(s.issuer.hostname) && s.issuer.protocol === 'http:'
          ? { execute: [oidc.allowInsecureRequests], timeout: 5 }
          : { timeout: 5 },
      )
      .catch((e: unknown) => {
        this.config = undefined;
        throw e;
      });
    return this.config;
  }

  /** Where to send her, and the transaction cookie's value. Throws when discovery fails. */
  async start(): Promise<{ url: URL; transaction: string }> {
    const config = await this.configuration();
    const t: Transaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri.href,
      scope: this.settings.scope,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(t.verifier),
      code_challenge_method: 'S256',
      state: t.state,
      nonce: t.nonce,
    });
    const transaction = await new EncryptJWT({ ...t })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${OIDC_TRANSACTION_SECONDS}s`)
      .encrypt(this.key);
    return { url, transaction };
  }

  /**
   * The verified ID token claims of the callback (query string as received). Throws
   * OidcLoginFailed for anything that does not complete the sign-in started by this browser.
   */
  async finish(query: string, transactionCookie: unknown): Promise<JWTPayload> {
    if (typeof transactionCookie !== 'string' || transactionCookie.length > 4096) {
      throw new OidcLoginFailed('no transaction');
    }
    const t = await jwtDecrypt(transactionCookie, this.key).then(
      ({ payload }) => payload as unknown as Transaction,
      () => {
        throw new OidcLoginFailed('transaction invalid or expired');
      },
    );
    const config = await this.configuration();
    // The URL the provider sent her to, rebuilt from the registered one: the Host header of the
    // request is not trusted.
    const current = new URL(this.settings.redirectUri.href);
    current.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: t.verifier,
        expectedState: t.state,
        expectedNonce: t.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcLoginFailed('no ID token');
      return claims;
    } catch (e) {
      if (e instanceof OidcLoginFailed) throw e;
      throw new OidcLoginFailed(e instanceof Error ? e.name : 'code exchange failed');
    }
  }
}
