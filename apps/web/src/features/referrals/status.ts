import type { IntlShape } from 'react-intl';
import { familyMessageId } from '../../lib/i18n/dynamic';
import type { ReceivedReferral } from './api';

/** Where a received referral stands, in her language. */
export function receivedStatusLabel(intl: IntlShape, r: ReceivedReferral): string {
  if (r.status === 'sent') return intl.formatMessage({ id: 'referrals.received.awaiting' });
  if (r.status === 'withdrawn') return intl.formatMessage({ id: 'referrals.received.withdrawn' });
  return intl.formatMessage({ id: familyMessageId('enum', `referralResponse.${r.status}`) });
}

export function categoriesLabel(intl: IntlShape, categories: readonly string[]): string {
  return categories.length === 0
    ? '—'
    : intl.formatList(
        categories.map((c) =>
          intl.formatMessage({ id: familyMessageId('enum', `dataCategory.${c}`) }),
        ),
      );
}
