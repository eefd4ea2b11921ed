import { Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { useCaseReference } from '../../components/CaseLink';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useMe } from '../../lib/session/session';
import { type Transfer, useAnswerTransfer, useStaff, useTransfers } from './api';

const STATUS_IDS: Record<Transfer['status'], string> = {
  proposed: 'transfers.status.proposed',
  accepted: 'transfers.status.accepted',
  declined: 'transfers.status.declined',
  withdrawn: 'transfers.status.withdrawn',
};

/** R31: the receiving supervisor accepts (naming the responsible caseworker) or declines. */
function Answer({ transfer }: { readonly transfer: Transfer }) {
  const intl = useIntl();
  const reference = useCaseReference();
  const directory = useStaff();
  const answer = useAnswerTransfer();
  const [assigneeId, setAssigneeId] = useState('');
  const staff = (directory.data?.items ?? []).filter(
    (u) => u.active && (u.role === 'caseworker' || u.role === 'supervisor'),
  );
  const caseLabel = reference(transfer.reference);
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={intl.formatMessage({ id: 'transfers.assignee' }, { case: caseLabel })}
          data={[
            { value: '', label: '—' },
            ...staff.map((u) => ({ value: u.id, label: u.displayName })),
          ]}
          value={assigneeId}
          onChange={(e) => setAssigneeId(e.currentTarget.value)}
        />
        <Button
          disabled={!assigneeId}
          loading={answer.isPending}
          onClick={() =>
            assigneeId &&
            answer.mutate({ caseId: transfer.caseId, body: { response: 'accepted', assigneeId } })
          }
          aria-label={intl.formatMessage({ id: 'transfers.acceptCase' }, { case: caseLabel })}
        >
          <FormattedMessage id="transfers.accept" />
        </Button>
        <Button
          variant="default"
          loading={answer.isPending}
          onClick={() => answer.mutate({ caseId: transfer.caseId, body: { response: 'declined' } })}
          aria-label={intl.formatMessage({ id: 'transfers.declineCase' }, { case: caseLabel })}
        >
          <FormattedMessage id="transfers.decline" />
        </Button>
      </Group>
      {answer.error !== null && <ProblemAlert error={answer.error} />}
    </Stack>
  );
}

function Records({
  items,
  captionId,
  incoming,
}: {
  readonly items: readonly Transfer[];
  readonly captionId: string;
  readonly incoming: boolean;
}) {
  const reference = useCaseReference();
  if (items.length === 0)
    return (
      <Text>
        <FormattedMessage id="transfers.none" />
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Caption>
          <FormattedMessage id={captionId} values={{ count: items.length }} />
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {[
              'cases.reference',
              incoming ? 'transfers.from' : 'transfers.to',
              'transfers.statusHeading',
              'transfers.proposedAt',
            ].map((id) => (
              <Table.Th key={id} scope="col">
                <FormattedMessage id={id} />
              </Table.Th>
            ))}
            {incoming && (
              <Table.Th scope="col">
                <FormattedMessage id="transfers.answer" />
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((t) => (
            <Table.Tr key={`${t.caseId}/${t.transferId}`}>
              <Table.Th scope="row">{reference(t.reference)}</Table.Th>
              <Table.Td>{incoming ? t.fromOrganisationId : t.toOrganisationId}</Table.Td>
              <Table.Td>
                <FormattedMessage id={STATUS_IDS[t.status]} />
              </Table.Td>
              <Table.Td>
                <FormattedDate value={t.proposedAt} dateStyle="medium" />
              </Table.Td>
              {incoming && (
                <Table.Td>{t.status === 'proposed' ? <Answer transfer={t} /> : null}</Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * R31: transfers of cases between organisations of one country. A supervisor answers those
 * proposed to her organisation; everyone sees what her organisation proposed, and for a case it
 * handed over, this record is all it keeps.
 */
export function TransfersPage() {
  const query = useTransfers();
  const me = useMe();
  return (
    <>
      <PageTitle id="nav.transfers" />
      <Text size="sm" mb="md">
        <FormattedMessage id="transfers.explain" />
      </Text>
      <QueryState query={query}>
        {(data) => (
          <Stack>
            {me.role === 'supervisor' && (
              <section aria-labelledby="transfers-incoming">
                <Title order={2} size="h3" id="transfers-incoming" mb="xs">
                  <FormattedMessage id="transfers.incoming" />
                </Title>
                <Records items={data.incoming} captionId="transfers.incomingCaption" incoming />
              </section>
            )}
            <section aria-labelledby="transfers-outgoing">
              <Title order={2} size="h3" id="transfers-outgoing" mb="xs">
                <FormattedMessage id="transfers.outgoing" />
              </Title>
              <Records
                items={data.outgoing}
                captionId="transfers.outgoingCaption"
                incoming={false}
              />
            </section>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
