import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { api, refreshSession, type TokenResponse, unwrap } from '../api/client';
import { toProblem } from '../api/problem';
import { getAccessToken, onSignedOut, setAccessToken } from '../api/token';
import { isLocale, type Locale } from '../i18n/locales';
import { useLocale } from '../i18n/IntlRoot';

export type Role = 'caseworker' | 'supervisor' | 'coordinator' | 'auditor' | 'admin';

/** GET /api/v1/auth/me (fields beyond userId/organisationId/role may be absent on older APIs). */
export interface Me {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: Role;
  readonly displayName?: string | null;
  readonly locale?: string | null;
  readonly country?: string;
  readonly organisationName?: string;
}

/** GET /api/v1/auth/config (public). */
export interface AuthConfig {
  readonly idleTimeoutSeconds: number;
  readonly local: boolean;
  readonly oidc: { readonly enabled: boolean };
}

const DEFAULT_CONFIG: AuthConfig = {
  idleTimeoutSeconds: 900,
  local: true,
  oidc: { enabled: false },
};

export type SignOutReason = 'user' | 'idle' | 'expired';

/** The second step of a sign-in (no token yet): prove a second factor, or set one up first. */
export type SignInStep =
  | {
      readonly kind: 'second-factor';
      readonly challengeToken: string;
      readonly methods: readonly string[];
    }
  | { readonly kind: 'enrolment'; readonly challengeToken: string };

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signedOut'; readonly reason?: SignOutReason }
  | { readonly status: 'signedIn'; readonly me: Me };

interface SessionContextValue {
  readonly state: SessionState;
  readonly config: AuthConfig;
  /**
   * Throws an ApiProblem (401 invalid credentials, 429 too many attempts, 400…). Resolves to the
   * second step when the password alone does not sign her in, otherwise to null (signed in).
   */
  readonly signIn: (
    login: string,
    password: string,
    chosenLocale?: Locale,
  ) => Promise<SignInStep | null>;
  /** After the second step: the access token it gave (the refresh cookie is set already). */
  readonly completeSignIn: (accessToken: string, chosenLocale?: Locale) => Promise<void>;
  readonly signOut: (reason?: SignOutReason) => Promise<void>;
  /** Changes the language now and saves it to the account. */
  readonly changeLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe while signed out');
  return state.me;
}

async function loadConfig(): Promise<AuthConfig> {
  try {
    const res = await fetch('/api/v1/auth/config', { headers: { Accept: 'application/json' } });
    if (!res.ok) return DEFAULT_CONFIG;
    const body = (await res.json()) as Partial<AuthConfig>;
    return {
      idleTimeoutSeconds:
        typeof body.idleTimeoutSeconds === 'number' && body.idleTimeoutSeconds > 60
          ? body.idleTimeoutSeconds
          : DEFAULT_CONFIG.idleTimeoutSeconds,
      local: body.local ?? true,
      oidc: { enabled: body.oidc?.enabled === true },
    };
  } catch {
    return DEFAULT_CONFIG;
  }
}

/**
 * The session: the access token lives in memory (lib/api/token), the refresh token in an
 * httpOnly cookie. On start (and so on every reload) it tries a refresh; a 401 or a missing
 * route means signed out. Signing out, for any reason, clears every cached server answer.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const { setLocale } = useLocale();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [config, setConfig] = useState<AuthConfig>(DEFAULT_CONFIG);
  const started = useRef(false);

  const enter = useCallback(
    async (chosenLocale?: Locale) => {
      if (chosenLocale) {
        // Saved to the account so that her language follows her; older APIs may lack the route.
        await api
          .PATCH('/api/v1/auth/me', { body: { locale: chosenLocale } })
          .catch(() => undefined);
      }
      const me: Me = await unwrap(api.GET('/api/v1/auth/me'));
      const locale = chosenLocale ?? me.locale;
      if (isLocale(locale)) setLocale(locale);
      setState({ status: 'signedIn', me });
    },
    [setLocale],
  );

  const end = useCallback(
    (reason: SignOutReason) => {
      setAccessToken(null);
      queryClient.clear();
      setState({ status: 'signedOut', reason });
    },
    [queryClient],
  );

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; a refresh token rotates once.
    started.current = true;
    void (async () => {
      setConfig(await loadConfig());
      if (await refreshSession()) {
        await enter().catch(() => end('expired'));
      } else {
        setState({ status: 'signedOut' });
      }
    })();
  }, [enter, end]);

  useEffect(() => onSignedOut(() => end('expired')), [end]);

  const signIn = useCallback(
    async (login: string, password: string, chosenLocale?: Locale) => {
      const res = await fetch('/api/v1/auth/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ login, password }),
      });
      const text = await res.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      if (!res.ok) throw toProblem(res.status, body);
      const step = body as { secondFactorRequired?: boolean; enrolmentRequired?: boolean };
      const challengeToken = (body as { challengeToken?: string }).challengeToken ?? '';
      if (step.secondFactorRequired) {
        const methods = (body as { methods?: string[] }).methods ?? ['totp'];
        return { kind: 'second-factor', challengeToken, methods } as const;
      }
      if (step.enrolmentRequired) return { kind: 'enrolment', challengeToken } as const;
      setAccessToken((body as TokenResponse).accessToken);
      await enter(chosenLocale);
      return null;
    },
    [enter],
  );

  const completeSignIn = useCallback(
    async (accessToken: string, chosenLocale?: Locale) => {
      setAccessToken(accessToken);
      await enter(chosenLocale);
    },
    [enter],
  );

  const signOut = useCallback(
    async (reason: SignOutReason = 'user') => {
      await fetch('/api/v1/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'X-Requested-With': 'ariadne',
          ...(getAccessToken() ? { Authorization: `Bearer ${getAccessToken()}` } : {}),
        },
      }).catch(() => undefined);
      end(reason);
    },
    [end],
  );

  const changeLocale = useCallback(
    async (locale: Locale) => {
      setLocale(locale);
      await api.PATCH('/api/v1/auth/me', { body: { locale } }).catch(() => undefined);
    },
    [setLocale],
  );

  const value = useMemo(
    () => ({ state, config, signIn, completeSignIn, signOut, changeLocale }),
    [state, config, signIn, completeSignIn, signOut, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
