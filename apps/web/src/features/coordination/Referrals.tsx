import { NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { useCaseReference } from '../../components/CaseLink';
import { PagedTable } from '../../components/PagedTable';
import { displayName } from '../../lib/i18n/display-names';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { useOrganisationName } from '../../lib/organisations';
import { useReferrals, type Referral, type ReferralStatus } from './api';

const STATUSES: readonly ReferralStatus[] = ['sent', 'accepted', 'declined', 'withdrawn'];

function statusLabel(intl: IntlShape, status: ReferralStatus): string {
  if (status === 'sent') return intl.formatMessage({ id: 'coordination.referrals.sent' });
  // R18: her consent was withdrawn before the receiving organisation answered.
  if (status === 'withdrawn') return intl.formatMessage({ id: 'referrals.received.withdrawn' });
  return intl.formatMessage({ id: familyMessageId('enum', `referralResponse.${status}`) });
}

/** A country code as her language names it ("Romania (RO)"), or the code alone. */
function countryLabel(intl: IntlShape, code: string): string {
  const name = displayName(intl, 'region', code);
  return name !== code ? `${name} (${code})` : code;
}

function Row({ r }: { readonly r: Referral }) {
  const intl = useIntl();
  const name = useOrganisationName();
  const reference = useCaseReference();
  return (
    <Table.Tr>
      <Table.Th scope="row">{reference(r.reference)}</Table.Th>
      <Table.Td>{name(r.organisationId)}</Table.Td>
      <Table.Td>{countryLabel(intl, r.recipientCountry)}</Table.Td>
      {/* As the caseworker recorded it: an organisation abroad has no name in her directory. */}
      <Table.Td>{name(r.recipientOrganisationId)}</Table.Td>
      <Table.Td>
        <FormattedMessage id={familyMessageId('enum', `referralPurpose.${r.purpose}`)} />
      </Table.Td>
      <Table.Td>
        {intl.formatList(
          r.categories.map((c) =>
            intl.formatMessage({ id: familyMessageId('enum', `dataCategory.${c}`) }),
          ),
        )}
      </Table.Td>
      <Table.Td>{statusLabel(intl, r.status)}</Table.Td>
      <Table.Td>
        <FormattedDate value={r.sentAt} dateStyle="medium" />
      </Table.Td>
      <Table.Td>
        {r.respondedAt ? <FormattedDate value={r.respondedAt} dateStyle="medium" /> : '—'}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Cross-border referrals (R18) of the cases of her country: where each stands. The receiving
 * organisation answers them itself, so this list only reads.
 */
export function Referrals() {
  const intl = useIntl();
  const [status, setStatus] = useState<ReferralStatus | undefined>();
  const query = useReferrals(status);
  return (
    <Stack gap="xs">
      <Text size="sm">
        <FormattedMessage id="coordination.referrals.explain" />
      </Text>
      <NativeSelect
        label={intl.formatMessage({ id: 'coordination.referrals.status' })}
        value={status ?? ''}
        w="fit-content"
        data={[
          { value: '', label: intl.formatMessage({ id: 'common.any' }) },
          ...STATUSES.map((s) => ({ value: s, label: statusLabel(intl, s) })),
        ]}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setStatus(STATUSES.find((s) => s === v));
        }}
      />
      <PagedTable
        query={query}
        emptyId="coordination.referrals.empty"
        scrollMinWidth={900}
        caption={(rows, first) => (
          <FormattedMessage
            id="coordination.referrals.caption"
            values={{ count: rows.length, country: first?.country ?? '' }}
          />
        )}
        columns={[
          'cases.reference',
          'coordination.organisation',
          'coordination.referrals.receivingCountry',
          'coordination.referrals.receivingOrganisation',
          'coordination.referrals.purpose',
          'coordination.referrals.categories',
          'coordination.referrals.status',
          'coordination.referrals.sentAt',
          'coordination.referrals.answeredAt',
        ]}
        row={(r) => <Row key={`${r.caseId}/${r.referralId}`} r={r} />}
      />
    </Stack>
  );
}
