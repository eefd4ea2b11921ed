import {
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import {
  auditKeysFromEnv,
  AuditTrail,
  currentAuditKey,
  DATA_SOURCE,
  IdentityRepository,
  normaliseLogin,
} from '@ariadne/persistence';
import { problem, ProblemException } from '../common/problem';

/**
 * Per address, however many logins are tried (unless ARIADNE_LOGIN_ADDRESS_RATE_LIMIT says
 * otherwise): slows down trying one common password against many logins, while leaving room for
 * a team behind one office address.
 */
export const PER_ADDRESS_FACTOR = 10;
/** Rows of limits no longer in force are dropped this often. */
const SWEEP_MS = 10 * 60_000;

export interface LoginLimitSettings {
  /** Attempts per login in one window. */
  readonly rateLimit: number;
  /** Attempts per address in one window. */
  readonly addressRateLimit: number;
  readonly windowSeconds: number;
  /** Failed sign-ins in a row on one login that lock it. */
  readonly lockoutThreshold: number;
  readonly lockoutSeconds: number;
}

export function loginLimitSettings(c: AppConfig): LoginLimitSettings {
  return {
    rateLimit: c.ARIADNE_LOGIN_RATE_LIMIT,
    addressRateLimit:
      c.ARIADNE_LOGIN_ADDRESS_RATE_LIMIT ?? c.ARIADNE_LOGIN_RATE_LIMIT * PER_ADDRESS_FACTOR,
    windowSeconds: c.ARIADNE_LOGIN_RATE_WINDOW,
    lockoutThreshold: c.ARIADNE_LOGIN_LOCKOUT_THRESHOLD,
    lockoutSeconds: c.ARIADNE_LOGIN_LOCKOUT_SECONDS,
  };
}

/** Why an attempt was refused before the password was looked at. */
export type LoginRefusal =
  | { readonly kind: 'locked-out'; readonly retryAfter: number }
  | { readonly kind: 'rate-limited'; readonly retryAfter: number };

interface CountRow {
  attempts: number;
  retry_window: number;
  retry_lock: number | null;
}

/**
 * The login limits, kept in PostgreSQL (table login_attempts) so that they hold across every API
 * replica: a fixed window of attempts per login and per address, and a lockout of a login after
 * failed sign-ins in a row. Each counter changes in one atomic statement (INSERT … ON CONFLICT),
 * so concurrent attempts on several replicas are all counted. Logins and addresses are stored as
 * keyed hashes only; a login that names no account is counted exactly like one that does.
 */
@Injectable()
export class LoginLimits implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LoginLimits');
  private readonly settings: LoginLimitSettings;
  private readonly key: Buffer;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = loginLimitSettings(config);
    // Derived from a secret already managed (the token secret, else the audit key when only an
    // identity provider signs in), domain-separated from its own use.
    const secret = config.ARIADNE_AUTH_SECRET ?? currentAuditKey(auditKeysFromEnv()).key;
    this.key = createHmac('sha256', secret).update('ariadne-login-limits').digest();
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  keyOf(kind: 'login' | 'address', value: string): Buffer {
    return createHmac('sha256', this.key).update(`${kind}\n${value}`).digest();
  }

  /**
   * Counts one attempt on the login (when one was given) and the address; refuses it when the
   * login is locked or either window is full.
   */
  async attempt(login: string | null, address: string): Promise<LoginRefusal | null> {
    const { rateLimit, addressRateLimit, windowSeconds } = this.settings;
    const rows: [CountRow, number][] = [];
    const keys: ['login' | 'address', string, number][] = [['address', address, addressRateLimit]];
    if (login !== null) keys.unshift(['login', login, rateLimit]);
    for (const [kind, value, limit] of keys) {
      const [row] = (await this.ds.query(
        `INSERT INTO login_attempts AS a (kind, key_hash, window_start, attempts)
         VALUES ($1, $2, now(), 1)
         ON CONFLICT (kind, key_hash) DO UPDATE SET
           attempts = CASE WHEN a.window_start <= now() - make_interval(secs => $3)
                           THEN 1 ELSE a.attempts + 1 END,
           window_start = CASE WHEN a.window_start <= now() - make_interval(secs => $3)
                               THEN now() ELSE a.window_start END
         RETURNING attempts,
           ceil(extract(epoch FROM window_start + make_interval(secs => $3) - now()))::int
             AS retry_window,
           CASE WHEN locked_until > now()
                THEN ceil(extract(epoch FROM locked_until - now()))::int END AS retry_lock`,
        [kind, this.keyOf(kind, value), windowSeconds],
      )) as CountRow[];
      rows.push([row, limit]);
    }
    const locked = rows.find(([r]) => r.retry_lock !== null);
    if (locked) return { kind: 'locked-out', retryAfter: Math.max(1, locked[0].retry_lock!) };
    const full = rows.find(([r, limit]) => r.attempts > limit);
    if (full) return { kind: 'rate-limited', retryAfter: Math.max(1, full[0].retry_window) };
    return null;
  }

  /** A failed sign-in on the login; true when this one locked it. */
  async failed(login: string): Promise<boolean> {
    const { lockoutThreshold, lockoutSeconds } = this.settings;
    // UPDATE … RETURNING comes back from the driver as [rows, count].
    const [rows] = (await this.ds.query(
      `UPDATE login_attempts SET
         failures = CASE WHEN failures + 1 >= $2 THEN 0 ELSE failures + 1 END,
         locked_until = CASE WHEN failures + 1 >= $2
                             THEN now() + make_interval(secs => $3) ELSE locked_until END
       WHERE kind = 'login' AND key_hash = $1
       RETURNING failures = 0 AS locked`,
      [this.keyOf('login', login), lockoutThreshold, lockoutSeconds],
    )) as [{ locked: boolean }[], number];
    return Boolean(rows[0]?.locked);
  }

  /** A successful sign-in: the login's failures and window start afresh. */
  async succeeded(login: string): Promise<void> {
    await this.ds.query(`DELETE FROM login_attempts WHERE kind = 'login' AND key_hash = $1`, [
      this.keyOf('login', login),
    ]);
  }

  private async sweep(): Promise<void> {
    const keep = Math.max(this.settings.windowSeconds, this.settings.lockoutSeconds);
    try {
      await this.ds.query(
        `DELETE FROM login_attempts
          WHERE window_start < now() - make_interval(secs => $1)
            AND (locked_until IS NULL OR locked_until < now()) AND failures = 0`,
        [keep],
      );
    } catch (e) {
      this.logger.warn(`Sweep of login limits failed: ${e instanceof Error ? e.name : typeof e}`);
    }
  }
}

function isSecondStep(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'challengeToken' in body;
}

export function clientAddress(req: Request): string {
  const ip = req.ip ?? '';
  // IPv4-mapped IPv6 counts as its IPv4 address.
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  return plain.toLowerCase();
}

function loginOf(req: Request): string | null {
  const login: unknown = (req.body as { login?: unknown } | undefined)?.login;
  return typeof login === 'string' && login.length > 0 && login.length <= 254
    ? normaliseLogin(login)
    : null;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The same windows, without the sign-in bookkeeping, for other public routes that take a login
 * (password reset, setting a password from a link): every attempt counts per address and per
 * login when one is given; 429 with Retry-After when a window is full or the login locked.
 */
@Injectable()
export class LoginThrottlerGuard implements CanActivate {
  constructor(private readonly limits: LoginLimits) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const refusal = await this.limits.attempt(loginOf(req), clientAddress(req));
    if (refusal) throw tooMany(ctx.switchToHttp().getResponse<Response>(), refusal.retryAfter);
    return true;
  }
}

/**
 * On POST /auth/login: the limits (429 with Retry-After, the same whether or not the login
 * exists), then the sign-in recorded in the audit trail (success, failure, lockout) by the
 * account's id, or by a keyed hash of the login when it names no account (never in clear).
 * Attempts refused while locked or over the rate limit are logged, not recorded one by one: a
 * flood of them must not flood the trail.
 */
@Injectable()
export class LoginLimitInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly limits: LoginLimits,
    private readonly trail: AuditTrail,
    private readonly identity: IdentityRepository,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const login = loginOf(req);
    return from(this.limits.attempt(login, clientAddress(req))).pipe(
      mergeMap((refusal) => {
        if (refusal) {
          // The lockout itself is recorded once, when it begins (onFailure).
          this.logger.log(`login refused: ${refusal.kind}`);
          return throwError(() => tooMany(res, refusal.retryAfter));
        }
        return next.handle().pipe(
          catchError((error: unknown) => {
            const refused =
              login !== null && error instanceof ProblemException && error.problem.status === 401;
            if (!refused) return throwError(() => error);
            return from(this.onFailure(req, login)).pipe(mergeMap(() => throwError(() => error)));
          }),
          mergeMap(async (body: unknown) => {
            if (login !== null && isSecondStep(body)) {
              // The password was right, the sign-in is not done: failures in a row keep
              // counting until the second factor is proved.
              await this.record(req, login, 'allowed', 'second-factor-pending');
            } else if (login !== null) {
              await this.limits.succeeded(login);
              await this.record(req, login, 'allowed', null);
            }
            return body;
          }),
        );
      }),
    );
  }

  private async onFailure(req: Request, login: string): Promise<void> {
    const locked = await this.limits.failed(login);
    await this.record(req, login, 'denied', 'invalid-credentials');
    if (locked) await this.record(req, login, 'denied', 'locked-out');
  }

  private async record(
    req: Request,
    login: string,
    outcome: 'allowed' | 'denied',
    reason: string | null,
  ): Promise<void> {
    const user = await this.identity.findUserByLogin(login);
    const requestId = String((req as { id?: unknown }).id ?? '');
    await this.trail.append({
      actorId: user?.id ?? null,
      actorRole: user?.role ?? null,
      organisationId: user?.organisationId ?? null,
      subjectRef: user ? null : this.trail.subjectRef(login),
      action: reason === 'locked-out' ? 'auth.lockout' : 'auth.sign-in',
      categories: [],
      purpose: 'authentication',
      outcome,
      reason,
      route: 'POST /api/v1/auth/login',
      requestId: REQUEST_ID.test(requestId) ? requestId : null,
    });
  }
}

export function tooMany(res: Response, retryAfter: number): ProblemException {
  res.setHeader('Retry-After', String(retryAfter));
  return problem(
    HttpStatus.TOO_MANY_REQUESTS,
    'too-many-login-attempts',
    'Too many login attempts',
    {
      detail: `Try again in ${retryAfter} seconds.`,
    },
  );
}
