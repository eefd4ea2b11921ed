import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * Provider access tokens (bearer): ISSUER, JWKS_URL and AUDIENCE are set together. Sign-in by
 * redirect needs ISSUER with CLIENT_ID and REDIRECT_URI (its keys come from discovery), so an
 * issuer with a client id alone does not ask for the bearer-token pair.
 */
const oidcConfigured = (c: { [k: string]: unknown }): boolean =>
  Boolean(
    c.ARIADNE_OIDC_JWKS_URL ||
    c.ARIADNE_OIDC_AUDIENCE ||
    (c.ARIADNE_OIDC_ISSUER && !c.ARIADNE_OIDC_CLIENT_ID),
  );
const oidcRedirect = (c: { [k: string]: unknown }): boolean =>
  Boolean(c.ARIADNE_OIDC_CLIENT_ID || c.ARIADNE_OIDC_REDIRECT_URI || c.ARIADNE_OIDC_CLIENT_SECRET);
const OIDC_REDIRECT_TOGETHER =
  'ARIADNE_OIDC_ISSUER, ARIADNE_OIDC_CLIENT_ID and ARIADNE_OIDC_REDIRECT_URI must be set together';
const HTTPS_OR_LOOPBACK = /^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/)/;
const OIDC_TOGETHER =
  'ARIADNE_OIDC_ISSUER, ARIADNE_OIDC_JWKS_URL and ARIADNE_OIDC_AUDIENCE must be set together';
/** host:port (IPv4, a name, or [IPv6]) or `off`. */
const METRICS_LISTEN = /^(off|(?:[a-z0-9.-]{1,253}|\[[0-9a-f:.]+\]):\d{1,5})$/i;
const CLAIM_NAME = /^[\x21-\x7e]{1,200}$/;
const OIDC_ALGORITHM = '(?:RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA)';
const OIDC_ALGORITHMS = new RegExp(`^${OIDC_ALGORITHM}(?:,${OIDC_ALGORITHM})*$`);
const CORS_ORIGIN = String.raw`https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?`;
const CORS_ORIGINS = new RegExp(`^${CORS_ORIGIN}(?: *, *${CORS_ORIGIN})*$`);

/**
 * Everything the API and the worker read from the environment, validated at start-up.
 * Secrets come only from the environment; nothing here has a secret default.
 */
export class AppConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  TEMPORAL_ADDRESS: string = '127.0.0.1:7233';

  @IsString()
  TEMPORAL_NAMESPACE: string = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE: string = 'ariadne-cases';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT: number = 3000;

  /** Loopback by default: the embedded default is not meant to face a network unprotected. */
  @IsString()
  API_HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * The API's Prometheus metrics on a listener of their own, never on the API's port:
   * `host:port` (loopback by default; port 0 picks a free one) or `off`.
   */
  @Matches(METRICS_LISTEN, { message: 'METRICS_LISTEN must be host:port or off' })
  METRICS_LISTEN: string = '127.0.0.1:9464';

  /** The worker's Prometheus metrics (Temporal SDK runtime telemetry): `host:port` or `off`. */
  @Matches(METRICS_LISTEN, { message: 'WORKER_METRICS_LISTEN must be host:port or off' })
  WORKER_METRICS_LISTEN: string = '127.0.0.1:9465';

  // --- Worker deployments, cache, traces (issue 11; docs/adr/0014-safe-deploys.md) ---

  /**
   * Temporal Worker Versioning: the build this worker runs (a release tag or commit). Set, the
   * worker polls as version ARIADNE_WORKER_DEPLOYMENT / this build id and case workflows
   * auto-upgrade to the deployment's current version; unset, the worker is unversioned.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, {
    message: 'ARIADNE_WORKER_BUILD_ID must be 1-128 letters, digits, . _ + - (a tag or commit)',
  })
  ARIADNE_WORKER_BUILD_ID?: string;

  /** The Worker Deployment's name (no dots: Temporal joins name and build id with one). */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    message: 'ARIADNE_WORKER_DEPLOYMENT must be 1-64 letters, digits, _ or -',
  })
  ARIADNE_WORKER_DEPLOYMENT: string = 'ariadne';

  /**
   * With a build id: once polling, the worker makes its version the deployment's current one
   * (new and running cases move to it). `false` leaves that to the operator
   * (`temporal worker deployment set-current-version` or `set-ramping-version`).
   */
  @Transform(toBool)
  @IsBoolean()
  ARIADNE_WORKER_PROMOTE: boolean = true;

  /**
   * Case workflows the worker keeps in memory (sticky cache); past it the least recently used
   * is evicted and replayed from its history when it next has work. Bounds the worker's memory:
   * ≈ 0.3–0.4 MiB per cached case (`npm run bench:worker-rss`; README, "Worker memory").
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  ARIADNE_WORKER_MAX_CACHED_WORKFLOWS: number = 1000;

  /**
   * OpenTelemetry traces (API → workflow → activity), off unless set: the OTLP/HTTP endpoint
   * (`…/v1/traces` is appended), as OpenTelemetry's own variable. https, or http on loopback.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' },
  )
  @Matches(/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$))/, {
    message: 'OTEL_EXPORTER_OTLP_ENDPOINT must use https (plain http only on loopback)',
  })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The traces endpoint itself (used as given), instead of OTEL_EXPORTER_OTLP_ENDPOINT's. */
  @IsOptional()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL' },
  )
  @Matches(/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$))/, {
    message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must use https (plain http only on loopback)',
  })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /**
   * Milliseconds the API waits for Temporal to confirm a command (an Update) or answer a query;
   * past it the request answers 503 with Retry-After (e.g. while no worker polls).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(120000)
  ARIADNE_COMMAND_WAIT_MS: number = 12000;

  /** Write logs to this file instead of standard output. */
  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  /** A JSON file of country policy overrides (see docs/policies.md). */
  @IsOptional()
  @IsString()
  ARIADNE_POLICY_FILE?: string;

  /** Allows test-only policies (country ZZ, durations in seconds). Never in production. */
  @Transform(toBool)
  @IsBoolean()
  ARIADNE_ALLOW_TEST_POLICIES: boolean = false;

  // --- Authentication (issue 5, apps/api/src/auth) ---

  /** Local accounts: POST /api/v1/auth/login checks a password and issues a short-lived token. */
  @Transform(toBool)
  @IsBoolean()
  ARIADNE_AUTH_LOCAL: boolean = true;

  /**
   * HMAC key for local tokens (`openssl rand -base64 48`). The API refuses to start without it
   * while ARIADNE_AUTH_LOCAL is true; the worker and the command-line tools do not need it.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ARIADNE_AUTH_SECRET must be at least 32 characters long' })
  ARIADNE_AUTH_SECRET?: string;

  /** Seconds a local access token lives: short, because a stolen token works until it expires. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ARIADNE_TOKEN_TTL: number = 900;

  /** Login attempts allowed per client address and login within ARIADNE_LOGIN_RATE_WINDOW. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  ARIADNE_LOGIN_RATE_LIMIT: number = 5;

  /** Seconds of the login rate-limit window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  ARIADNE_LOGIN_RATE_WINDOW: number = 60;

  /**
   * Login attempts allowed per client address (any logins) within ARIADNE_LOGIN_RATE_WINDOW;
   * unset: 10 × ARIADNE_LOGIN_RATE_LIMIT (room for a team behind one office address).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ARIADNE_LOGIN_ADDRESS_RATE_LIMIT?: number;

  /** Failed sign-ins in a row on one login that lock it for ARIADNE_LOGIN_LOCKOUT_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  ARIADNE_LOGIN_LOCKOUT_THRESHOLD: number = 10;

  /** Seconds a login stays locked after ARIADNE_LOGIN_LOCKOUT_THRESHOLD failures. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  ARIADNE_LOGIN_LOCKOUT_SECONDS: number = 900;

  /**
   * A file the audit chain's head is appended to every ARIADNE_AUDIT_ANCHOR_INTERVAL seconds
   * (one JSON line each), for an operator to ship elsewhere. Unset: the head goes to the log only.
   */
  @IsOptional()
  @IsString()
  ARIADNE_AUDIT_ANCHOR_FILE?: string;

  /** Seconds between audit anchors; 0 turns them off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  ARIADNE_AUDIT_ANCHOR_INTERVAL: number = 3600;

  /**
   * Seconds a refresh token (the browser's session cookie) lives at most from sign-in, however
   * active she is: then she signs in again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(7 * 86400)
  ARIADNE_REFRESH_TTL: number = 8 * 3600;

  /**
   * Seconds without use after which a session ends (ASVS 7.3.1): the refresh token expires and no
   * access token outlives it. The web application signs her out and warns a minute before.
   */
  @Transform(toInt)
  @IsInt()
  @Min(120, { message: 'ARIADNE_IDLE_TIMEOUT must be at least 120 seconds' })
  @Max(86400)
  ARIADNE_IDLE_TIMEOUT: number = 900;

  /**
   * Seconds since her last real authentication (password, second factor) within which a
   * sensitive action (erasure, early end of the reflection period, exports, user administration)
   * may go ahead without re-authenticating (ASVS 7.5.3; POST /auth/reauthenticate).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1, { message: 'ARIADNE_REAUTH_MAX_AGE must be at least 1 second' })
  @Max(3600, { message: 'ARIADNE_REAUTH_MAX_AGE must be at most 3600 seconds' })
  ARIADNE_REAUTH_MAX_AGE: number = 300;

  /**
   * OIDC: the `iss` of the provider. With JWKS_URL and AUDIENCE, the API accepts the provider's
   * access tokens; with CLIENT_ID and REDIRECT_URI, staff sign in by redirect (discovery URL).
   */
  @ValidateIf((c: { [k: string]: unknown }) => oidcConfigured(c) || oidcRedirect(c))
  @IsString({ message: `${OIDC_TOGETHER}; ${OIDC_REDIRECT_TOGETHER}` })
  ARIADNE_OIDC_ISSUER?: string;

  /** OIDC sign-in by redirect: this API's client id at the provider. */
  @ValidateIf(oidcRedirect)
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: OIDC_REDIRECT_TOGETHER })
  ARIADNE_OIDC_CLIENT_ID?: string;

  /** OIDC sign-in by redirect: the client secret, for a confidential client (else PKCE only). */
  @IsOptional()
  @IsString()
  ARIADNE_OIDC_CLIENT_SECRET?: string;

  /** OIDC sign-in by redirect: `https://<this API>/api/v1/auth/oidc/callback`, as registered. */
  @ValidateIf(oidcRedirect)
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: OIDC_REDIRECT_TOGETHER },
  )
  @Matches(HTTPS_OR_LOOPBACK, {
    message: 'ARIADNE_OIDC_REDIRECT_URI must use https (plain http only on 127.0.0.1 or localhost)',
  })
  ARIADNE_OIDC_REDIRECT_URI?: string;

  /** OIDC sign-in by redirect: the scopes asked for, space-separated; `openid` among them. */
  @Matches(/^(?:[\x21\x23-\x5b\x5d-\x7e]+ )*[\x21\x23-\x5b\x5d-\x7e]+$/, {
    message: 'ARIADNE_OIDC_SCOPE must be space-separated scope names',
  })
  @Matches(/(^| )openid( |$)/, { message: 'ARIADNE_OIDC_SCOPE must include openid' })
  ARIADNE_OIDC_SCOPE: string = 'openid';

  /** OIDC: where the provider publishes its signing keys; https (http only on loopback). */
  @ValidateIf(oidcConfigured)
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: OIDC_TOGETHER },
  )
  @Matches(HTTPS_OR_LOOPBACK, {
    message: 'ARIADNE_OIDC_JWKS_URL must use https (plain http only on 127.0.0.1 or localhost)',
  })
  ARIADNE_OIDC_JWKS_URL?: string;

  /** OIDC: the `aud` the provider puts in access tokens meant for this API. */
  @ValidateIf(oidcConfigured)
  @IsString({ message: OIDC_TOGETHER })
  ARIADNE_OIDC_AUDIENCE?: string;

  /** OIDC: the claim holding the user's id, or else login, in the users table. */
  @Matches(CLAIM_NAME, { message: 'ARIADNE_OIDC_USER_CLAIM must be a claim name' })
  ARIADNE_OIDC_USER_CLAIM: string = 'sub';

  /** OIDC: the claim holding the organisation id (read only with ARIADNE_OIDC_TRUST_CLAIMS). */
  @Matches(CLAIM_NAME, { message: 'ARIADNE_OIDC_ORG_CLAIM must be a claim name' })
  ARIADNE_OIDC_ORG_CLAIM: string = 'org';

  /** OIDC: the claim holding the role (read only with ARIADNE_OIDC_TRUST_CLAIMS). */
  @Matches(CLAIM_NAME, { message: 'ARIADNE_OIDC_ROLE_CLAIM must be a claim name' })
  ARIADNE_OIDC_ROLE_CLAIM: string = 'role';

  /**
   * OIDC: take organisation and role from the token instead of the users table. Only for a
   * provider that is itself the authority on who may act for which organisation in which role.
   */
  @Transform(toBool)
  @IsBoolean()
  ARIADNE_OIDC_TRUST_CLAIMS: boolean = false;

  /** OIDC: accepted signature algorithms, comma-separated; asymmetric ones only. */
  @Matches(OIDC_ALGORITHMS, {
    message: 'ARIADNE_OIDC_ALGORITHMS must list RS256…ES512 or EdDSA, comma-separated',
  })
  ARIADNE_OIDC_ALGORITHMS: string = 'RS256,PS256,ES256,EdDSA';

  // --- HTTP security (issue 5, apps/api/src/security) ---

  /**
   * Browser origins allowed to call the API (CORS), comma-separated and exact, such as
   * `https://case.example.org,https://admin.example.org`. Unset: no cross-origin access at all.
   */
  @IsOptional()
  @Matches(CORS_ORIGINS, {
    message:
      'ARIADNE_CORS_ORIGINS must be exact origins (scheme://host[:port], no path, no wildcard), comma-separated',
  })
  ARIADNE_CORS_ORIGINS?: string;

  // --- Statistics (issue 5, apps/api/src/statistics; docs/boards.md) ---

  /**
   * P8: the smallest number of cases a statistics cell may show. Cells of 1 to this minus one
   * are suppressed, and further cells with them so that none can be worked back from totals.
   */
  @Transform(toInt)
  @IsInt()
  @Min(3, { message: 'ARIADNE_STATS_MIN_CELL must be at least 3' })
  @Max(100)
  ARIADNE_STATS_MIN_CELL: number = 5;

  // --- Mail (issue 9, apps/worker/src/mail; docs/adr/0008-outbox-and-mail.md) ---

  /**
   * The SMTP server: smtp://[user:password@]host:port (STARTTLS when the server offers it; add
   * ?requireTLS=true to refuse a server without it) or smtps://… (TLS from the start). Unset: the
   * outbox fills and nothing is sent. `npm run up` points it at the embedded Mailpit.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, {
    message: 'ARIADNE_SMTP_URL must be an smtp:// or smtps:// URL',
  })
  ARIADNE_SMTP_URL?: string;

  /** The From of every message: an address, optionally with a name ("Ariadne <a@b.example>"). */
  @Matches(/^(?:[^<>\r\n]{0,100} <)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, {
    message: 'ARIADNE_MAIL_FROM must be an e-mail address, optionally as "Name <address>"',
  })
  ARIADNE_MAIL_FROM: string = 'Ariadne <no-reply@ariadne.invalid>';

  /** Where staff open Ariadne: the links in messages and calendar events start with it. */
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'ARIADNE_PUBLIC_URL must be an http(s) URL' },
  )
  ARIADNE_PUBLIC_URL: string = 'http://127.0.0.1:3000';

  // --- Second factor (issue 9; docs/adr/0011-second-factor.md) ---

  /**
   * The WebAuthn relying party id (a registrable domain, never an IP address): passkeys are bound
   * to it. Default: the host name of ARIADNE_PUBLIC_URL.
   */
  @IsOptional()
  @Matches(
    /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
    {
      message: 'ARIADNE_WEBAUTHN_RP_ID must be a domain name such as ariadne.example.org',
    },
  )
  ARIADNE_WEBAUTHN_RP_ID?: string;

  /**
   * The origins passkey ceremonies may come from, comma-separated. Default: the origin of
   * ARIADNE_PUBLIC_URL.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, {
    message: 'ARIADNE_WEBAUTHN_ORIGIN must be one or more http(s) origins, comma-separated',
  })
  ARIADNE_WEBAUTHN_ORIGIN?: string;

  /** Delivery attempts before a message is marked failed (and listed for admins). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  ARIADNE_MAIL_MAX_ATTEMPTS: number = 8;

  /** Seconds before the first retry; each further retry waits twice as long (at most 6 h). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  ARIADNE_MAIL_RETRY_BASE: number = 30;

  /** Milliseconds between polls of an empty outbox. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60000)
  ARIADNE_MAIL_POLL_MS: number = 1000;

  /** Seconds between runs of the daily-digest job (each run sends the digests that are due). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600)
  ARIADNE_MAIL_DIGEST_INTERVAL: number = 60;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Unset and empty variables alike fall back to the defaults.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const config = plainToInstance(AppConfig, given);
  // whitelist drops every variable that is not ours, so no other secret is carried along.
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ') || 'invalid'}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}

/** A validated `host:port` listen address (METRICS_LISTEN, WORKER_METRICS_LISTEN), or `off`. */
export function parseListen(value: string): { host: string; port: number } | undefined {
  if (value.toLowerCase() === 'off') return undefined;
  const at = value.lastIndexOf(':');
  const host = value.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  const port = Number(value.slice(at + 1));
  if (!host || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`not a host:port listen address`);
  }
  return { host, port };
}
