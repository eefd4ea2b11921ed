import { Table, Text } from '@mantine/core';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { useCaseReference } from '../../components/CaseLink';
import { AnchorLink } from '../../components/Links';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { displayName } from '../../lib/i18n/display-names';
import { useReceivedReferrals } from './api';
import { categoriesLabel, receivedStatusLabel } from './status';

/**
 * R18: "Referrals received": what organisations sent to hers, each opened on its own page (her
 * data is shown only there, and each opening is recorded), where she accepts or declines it.
 */
export function ReceivedReferralsPage() {
  const intl = useIntl();
  const reference = useCaseReference();
  const query = useReceivedReferrals();
  return (
    <>
      <PageTitle id="nav.referralsReceived" />
      <Text size="sm" mb="md">
        <FormattedMessage id="referrals.received.explain" />
      </Text>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <Text>
              <FormattedMessage id="referrals.received.empty" />
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped>
                <Table.Caption>
                  <FormattedMessage
                    id="referrals.received.caption"
                    values={{ count: data.items.length }}
                  />
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {[
                      'cases.reference',
                      'referrals.received.from',
                      'coordination.referrals.purpose',
                      'coordination.referrals.categories',
                      'coordination.referrals.status',
                      'coordination.referrals.sentAt',
                    ].map((id) => (
                      <Table.Th key={id} scope="col">
                        <FormattedMessage id={id} />
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((r) => (
                    <Table.Tr key={`${r.caseId}/${r.referralId}`}>
                      <Table.Th scope="row">
                        <AnchorLink
                          to="/referrals/received/$caseId/$referralId"
                          params={{ caseId: r.caseId, referralId: r.referralId }}
                        >
                          {reference(r.reference)}
                        </AnchorLink>
                      </Table.Th>
                      <Table.Td>{displayName(intl, 'region', r.senderCountry)}</Table.Td>
                      <Table.Td>
                        <FormattedMessage
                          id={familyMessageId('enum', `referralPurpose.${r.purpose}`)}
                        />
                      </Table.Td>
                      <Table.Td>{categoriesLabel(intl, r.categories)}</Table.Td>
                      <Table.Td>{receivedStatusLabel(intl, r)}</Table.Td>
                      <Table.Td>
                        <FormattedDate value={r.sentAt} dateStyle="medium" />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </>
  );
}
