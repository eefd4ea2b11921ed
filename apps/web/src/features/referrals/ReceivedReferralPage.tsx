import { Alert, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { useCaseReference } from '../../components/CaseLink';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fieldLabel } from '../../components/forms/CommandForm';
import { AnchorLink } from '../../components/Links';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { displayName } from '../../lib/i18n/display-names';
import {
  DECLINE_REASONS,
  type DeclineReason,
  type ReceivedReferralDetail,
  useAnswerReferral,
  useReceivedReferral,
} from './api';
import { categoriesLabel, receivedStatusLabel } from './status';

type Answer = 'accepted' | 'declined';

/** The data she consented to share, per category, as the referral carried it. */
function SharedData({ personal }: { readonly personal: ReceivedReferralDetail['personal'] }) {
  const intl = useIntl();
  if (!personal) {
    return (
      <Alert color="gray">
        <FormattedMessage id="referrals.received.noData" />
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      {Object.entries(personal).map(([category, fields]) => (
        <Card key={category} withBorder>
          <Title order={3} size="h5" mb="xs">
            <FormattedMessage id={familyMessageId('enum', `dataCategory.${category}`)} />
          </Title>
          <Table>
            <Table.Tbody>
              {Object.entries(fields).map(([name, value]) => (
                <Table.Tr key={name}>
                  <Table.Th scope="row" w="40%">
                    {fieldLabel(intl, name)}
                  </Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </Stack>
  );
}

function Details({ r }: { readonly r: ReceivedReferralDetail }) {
  const intl = useIntl();
  const reference = useCaseReference();
  const rows: Array<[string, string]> = [
    ['cases.reference', reference(r.reference)],
    ['referrals.received.from', displayName(intl, 'region', r.senderCountry)],
    [
      'coordination.referrals.purpose',
      intl.formatMessage({ id: familyMessageId('enum', `referralPurpose.${r.purpose}`) }),
    ],
    ['coordination.referrals.categories', categoriesLabel(intl, r.categories)],
    ['coordination.referrals.status', receivedStatusLabel(intl, r)],
  ];
  return (
    <Table>
      <Table.Tbody>
        {rows.map(([id, value]) => (
          <Table.Tr key={id}>
            <Table.Th scope="row" w="40%">
              <FormattedMessage id={id} />
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">
            <FormattedMessage id="coordination.referrals.sentAt" />
          </Table.Th>
          <Table.Td>
            <FormattedDate value={r.sentAt} dateStyle="medium" />
          </Table.Td>
        </Table.Tr>
        {r.reasonCode && (
          <Table.Tr>
            <Table.Th scope="row">
              <FormattedMessage id="referrals.received.reason" />
            </Table.Th>
            <Table.Td>
              <FormattedMessage
                id={familyMessageId('enum', `referralDeclineReason.${r.reasonCode}`)}
              />
            </Table.Td>
          </Table.Tr>
        )}
        {r.linkedCaseId && (
          <Table.Tr>
            <Table.Th scope="row">
              <FormattedMessage id="referrals.received.linkedCase" />
            </Table.Th>
            <Table.Td>
              <AnchorLink to="/cases/$caseId" params={{ caseId: r.linkedCaseId }}>
                {reference(r.linkedCaseReference)}
              </AnchorLink>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

/**
 * R18: one referral sent to her organisation. Opening it shows the data she consented to share
 * (the API records each category shown); her organisation accepts it (a linked case opens, with
 * only that data) or declines it, each after a confirmation.
 */
export function ReceivedReferralPage() {
  const intl = useIntl();
  const { caseId = '', referralId = '' } = useParams({ strict: false });
  const query = useReceivedReferral(caseId, referralId);
  const answer = useAnswerReferral(caseId, referralId);
  const [confirm, setConfirm] = useState<Answer | null>(null);
  const [reason, setReason] = useState<DeclineReason | undefined>();

  const close = () => {
    setConfirm(null);
    answer.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confirm) return;
    answer.mutate(
      confirm === 'declined' && reason
        ? { response: 'declined', reasonCode: reason }
        : { response: confirm },
      { onSuccess: () => setConfirm(null) },
    );
  };

  return (
    <>
      <PageTitle id="referrals.received.title" />
      <AnchorLink to="/referrals/received" mb="md" display="inline-block">
        <FormattedMessage id="referrals.received.back" />
      </AnchorLink>
      <QueryState query={query}>
        {(r) => (
          <Stack gap="lg">
            <Details r={r} />
            {r.sharingStoppedAt && (
              <Alert color="yellow">
                <FormattedMessage id="referrals.received.sharingStopped" />
              </Alert>
            )}
            {answer.data?.status === 'accepted' && (
              <Alert color="green" role="status">
                <FormattedMessage id="referrals.received.acceptedDone" />
              </Alert>
            )}
            <section aria-labelledby="shared-data">
              <Title order={2} size="h4" mb="sm" id="shared-data">
                <FormattedMessage id="referrals.received.data" />
              </Title>
              <SharedData personal={r.personal} />
            </section>
            {r.status === 'sent' && (
              <Group>
                <Button onClick={() => setConfirm('accepted')}>
                  <FormattedMessage id="referrals.received.accept" />
                </Button>
                <Button variant="default" color="red" onClick={() => setConfirm('declined')}>
                  <FormattedMessage id="referrals.received.decline" />
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
      <ConfirmDialog
        target={confirm}
        onClose={close}
        titleId={
          confirm === 'declined'
            ? 'referrals.received.declineTitle'
            : 'referrals.received.acceptTitle'
        }
        onSubmit={submit}
        error={answer.error}
        submitId={
          confirm === 'declined' ? 'referrals.received.decline' : 'referrals.received.accept'
        }
        submitColor={confirm === 'declined' ? 'red' : undefined}
        pending={answer.isPending}
      >
        {(target) =>
          target === 'accepted' ? (
            <Text>
              <FormattedMessage id="referrals.received.acceptText" />
            </Text>
          ) : (
            <NativeSelect
              label={intl.formatMessage({ id: 'referrals.received.reasonOptional' })}
              value={reason ?? ''}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setReason(DECLINE_REASONS.find((x) => x === v));
              }}
              data={[
                { value: '', label: intl.formatMessage({ id: 'referrals.received.noReason' }) },
                ...DECLINE_REASONS.map((x) => ({
                  value: x,
                  label: intl.formatMessage({
                    id: familyMessageId('enum', `referralDeclineReason.${x}`),
                  }),
                })),
              ]}
            />
          )
        }
      </ConfirmDialog>
    </>
  );
}
