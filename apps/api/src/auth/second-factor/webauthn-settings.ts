import { type AppConfig, ConfigError } from '@ariadne/config';

export interface WebAuthnSettings {
  readonly rpId: string;
  readonly rpName: string;
  readonly origins: readonly string[];
}

/**
 * The relying party passkeys are bound to, checked when the API starts: the id must be the
 * origins' host or a parent domain of it (WebAuthn §5.1.4.1), or no browser would use them.
 */
export function webAuthnSettings(c: AppConfig): WebAuthnSettings {
  const publicUrl = new URL(c.ARIADNE_PUBLIC_URL);
  const origins = (c.ARIADNE_WEBAUTHN_ORIGIN ?? publicUrl.origin)
    .split(',')
    .map((o) => new URL(o).origin);
  const rpId = c.ARIADNE_WEBAUTHN_RP_ID ?? publicUrl.hostname;
  for (const origin of origins) {
    const host = new URL(origin).hostname;
    if (host !== rpId && !host.endsWith(`.${rpId}`)) {
      throw new ConfigError(
        'ARIADNE_WEBAUTHN_RP_ID must be the host of every ARIADNE_WEBAUTHN_ORIGIN (or of ' +
          'ARIADNE_PUBLIC_URL) or a parent domain of it',
      );
    }
  }
  return { rpId, rpName: 'Ariadne', origins };
}
