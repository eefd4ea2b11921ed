import type { EntityManager } from 'typeorm';
import { enqueueMessage, type Locale, timeZoneOfCountry } from '@ariadne/persistence';

/** An invitation or a password reset for one account, written in the caller's transaction. */
export interface AccountMail {
  readonly kind: 'invitation' | 'password-reset';
  /** Unique per message and free of personal data (derived from the token's hash). */
  readonly idempotencyKey: string;
  readonly userId: string;
  readonly organisationId: string;
  readonly country: string;
  readonly address: string;
  readonly locale: Locale;
  /** The link to the web application's page, the token in the fragment (never sent to a server). */
  readonly link: string;
  readonly minutes: number;
}

/**
 * The one place account mail leaves through: the mail outbox (issue 9), in the transaction that
 * wrote the token, so the message goes out if and only if the token exists, and at most once.
 */
export async function queueAccountMail(manager: EntityManager, mail: AccountMail): Promise<void> {
  await enqueueMessage(manager, {
    idempotencyKey: mail.idempotencyKey,
    kind: mail.kind,
    recipientUserId: mail.userId,
    organisationId: mail.organisationId,
    recipientAddress: mail.address,
    locale: mail.locale,
    timeZone: timeZoneOfCountry(mail.country),
    params: { link: mail.link, minutes: mail.minutes },
  });
}
