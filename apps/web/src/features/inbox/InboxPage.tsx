import { Badge, Button, Checkbox, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AnchorLink } from '../../components/Links';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { api, unwrap } from '../../lib/api/client';
import { familyMessageId } from '../../lib/i18n/dynamic';

/** The inbox: reminders (R20), and for supervisors escalations (R20) and stalled cases (R21). */
export function InboxPage() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const query = useQuery({
    queryKey: ['inbox', unreadOnly],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inbox', {
          params: { query: { unread: unreadOnly ? 'true' : undefined } },
        }),
      ),
  });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/inbox/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });

  return (
    <>
      <PageTitle id="nav.inbox" />
      <Checkbox
        mb="md"
        label={intl.formatMessage({ id: 'inbox.unreadOnly' })}
        checked={unreadOnly}
        onChange={(e) => setUnreadOnly(e.currentTarget.checked)}
      />
      {markRead.error && <ProblemAlert error={markRead.error} />}
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <Text>
              <FormattedMessage id="inbox.empty" />
            </Text>
          ) : (
            <Table striped>
              <Table.Caption>
                <FormattedMessage id="inbox.caption" values={{ count: data.items.length }} />
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    <FormattedMessage id="inbox.kindColumn" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="tasks.deadline" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="tasks.due" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="inbox.case" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="inbox.received" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="inbox.actions" />
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Th scope="row">
                      <FormattedMessage id={familyMessageId('inbox.kind', n.kind)} />{' '}
                      {n.addressedTo === 'supervisors' && (
                        <Badge variant="light">
                          <FormattedMessage id="inbox.toSupervisors" />
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>
                      {n.deadline ? (
                        <FormattedMessage
                          id={familyMessageId('deadline', n.deadline.replace(/-\d+$/, ''))}
                        />
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {n.dueAt ? <FormattedDate value={n.dueAt} dateStyle="medium" /> : '—'}
                    </Table.Td>
                    <Table.Td>
                      {n.kind === 'referral' ? (
                        // R18: the sending case is not hers to open; the referral is.
                        <AnchorLink to="/referrals/received">
                          <FormattedMessage id="inbox.openReferrals" />
                        </AnchorLink>
                      ) : (
                        <AnchorLink to="/cases/$caseId" params={{ caseId: n.caseId }}>
                          <FormattedMessage id="inbox.openCase" />
                        </AnchorLink>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <FormattedDate value={n.createdAt} dateStyle="medium" timeStyle="short" />
                    </Table.Td>
                    <Table.Td>
                      {n.readAt ? (
                        <FormattedMessage id="inbox.read" />
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          loading={markRead.isPending && markRead.variables === n.id}
                          onClick={() => markRead.mutate(n.id)}
                        >
                          <FormattedMessage id="inbox.markRead" />
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </>
  );
}
