import { Badge, Button, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { useCaseReference } from '../../components/CaseLink';
import { PagedTable } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { useOrganisationName } from '../../lib/organisations';
import {
  receptionAccepted,
  useReadinessBoard,
  useReadinessCounts,
  type ReadinessFilters,
} from './api';
import { HtcdsExport } from '../../components/htcds/HtcdsExport';
import { Referrals } from './Referrals';

function Section({
  titleId,
  children,
}: {
  readonly titleId: string;
  readonly children: ReactNode;
}) {
  return (
    <Stack component="section" gap="xs" aria-labelledby={`${titleId}-h`}>
      <Title order={2} size="h3" id={`${titleId}-h`}>
        <FormattedMessage id={titleId} />
      </Title>
      {children}
    </Stack>
  );
}

function Counts({ onPick }: { readonly onPick: (organisationId: string) => void }) {
  const intl = useIntl();
  const query = useReadinessCounts();
  const name = useOrganisationName();
  return (
    <QueryState query={query}>
      {(data) => (
        <Table striped>
          <Table.Caption>
            <FormattedMessage id="coordination.counts.caption" values={{ country: data.country }} />
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <FormattedMessage id="coordination.organisation" />
              </Table.Th>
              <Table.Th scope="col" ta="right">
                <FormattedMessage id="coordination.ready" />
              </Table.Th>
              <Table.Th scope="col" ta="right">
                <FormattedMessage id="coordination.incomplete" />
              </Table.Th>
              <Table.Th scope="col" ta="right">
                <FormattedMessage id="coordination.total" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.organisations.map((o) => (
              <Table.Tr key={o.organisationId}>
                <Table.Th scope="row">
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => onPick(o.organisationId)}
                    aria-label={intl.formatMessage(
                      { id: 'coordination.showOrganisation' },
                      { organisation: name(o.organisationId) },
                    )}
                  >
                    {name(o.organisationId)}
                  </Button>
                </Table.Th>
                <Table.Td ta="right">
                  <FormattedNumber value={o.ready} />
                </Table.Td>
                <Table.Td ta="right">
                  <FormattedNumber value={o.incomplete} />
                </Table.Td>
                <Table.Td ta="right">
                  <FormattedNumber value={o.total} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">
                <FormattedMessage id="coordination.allOrganisations" />
              </Table.Th>
              <Table.Td ta="right" fw={700}>
                <FormattedNumber value={data.total.ready} />
              </Table.Td>
              <Table.Td ta="right" fw={700}>
                <FormattedNumber value={data.total.incomplete} />
              </Table.Td>
              <Table.Td ta="right" fw={700}>
                <FormattedNumber value={data.total.total} />
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
    </QueryState>
  );
}

function Board({ filters }: { readonly filters: ReadinessFilters }) {
  const reference = useCaseReference();
  const query = useReadinessBoard(filters);
  const name = useOrganisationName();
  return (
    <PagedTable
      query={query}
      emptyId="coordination.board.empty"
      caption={(rows, first) => (
        <FormattedMessage
          id="coordination.board.caption"
          values={{ count: rows.length, total: first?.total ?? rows.length }}
        />
      )}
      columns={[
        'cases.reference',
        'coordination.organisation',
        'cases.pathway',
        'coordination.readiness',
        'coordination.referral',
        'coordination.missing',
      ]}
      row={(c) => {
        const referral = receptionAccepted(c);
        return (
          <Table.Tr key={c.caseId}>
            <Table.Th scope="row">{reference(c.reference)}</Table.Th>
            <Table.Td>{name(c.organisationId)}</Table.Td>
            <Table.Td>
              <FormattedMessage id={familyMessageId('pathway', c.pathway)} />
            </Table.Td>
            <Table.Td>
              {c.missing.length === 0 ? (
                <Badge color="green" variant="light" c="dark.7">
                  <FormattedMessage id="coordination.ready" />
                </Badge>
              ) : (
                <Badge color="orange" variant="light" c="dark.7">
                  <FormattedMessage id="coordination.incomplete" />
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <FormattedMessage
                id={referral ? 'coordination.referral.accepted' : 'coordination.referral.awaiting'}
              />
            </Table.Td>
            <Table.Td>
              {c.missing.length === 0 ? (
                '—'
              ) : (
                <List size="sm">
                  {c.missing.map((m) => (
                    <List.Item key={m}>
                      <FormattedMessage id={familyMessageId('enum', `readinessItem.${m}`)} />
                    </List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
          </Table.Tr>
        );
      }}
    />
  );
}

/**
 * Return readiness (R14, R16, R18) for a coordinator: counts per organisation of her country,
 * then every case on a departure path with what it still lacks, including the cross-border
 * reception referral. Coordinators see no case content (P3), so references are not links.
 */
export function CoordinationPage() {
  const intl = useIntl();
  const counts = useReadinessCounts();
  const name = useOrganisationName();
  const [filters, setFilters] = useState<ReadinessFilters>({});
  const any = intl.formatMessage({ id: 'common.any' });
  const organisations = counts.data?.organisations.map((o) => o.organisationId) ?? [];

  return (
    <>
      <PageTitle id="nav.coordination" />
      <Stack gap="xl">
        <Section titleId="coordination.counts.title">
          <Counts onPick={(organisationId) => setFilters((f) => ({ ...f, organisationId }))} />
        </Section>
        <Section titleId="coordination.board.title">
          <Text size="sm">
            <FormattedMessage id="coordination.referral.explain" />
          </Text>
          <Group
            align="flex-end"
            role="group"
            aria-label={intl.formatMessage({ id: 'cases.filters' })}
          >
            <NativeSelect
              label={intl.formatMessage({ id: 'coordination.organisation' })}
              value={filters.organisationId ?? ''}
              data={[
                { value: '', label: any },
                ...organisations.map((o) => ({ value: o, label: name(o) })),
              ]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setFilters((f) => ({ ...f, organisationId: v || undefined }));
              }}
            />
            <NativeSelect
              label={intl.formatMessage({ id: 'coordination.readiness' })}
              value={filters.readiness ?? ''}
              data={[
                { value: '', label: any },
                { value: 'ready', label: intl.formatMessage({ id: 'coordination.ready' }) },
                {
                  value: 'incomplete',
                  label: intl.formatMessage({ id: 'coordination.incomplete' }),
                },
              ]}
              onChange={(e) => {
                const v = e.currentTarget.value as ReadinessFilters['readiness'] | '';
                setFilters((f) => ({ ...f, readiness: v || undefined }));
              }}
            />
            <NativeSelect
              label={intl.formatMessage({ id: 'cases.pathway' })}
              value={filters.pathway ?? ''}
              data={[
                { value: '', label: any },
                ...(['return', 'third-country'] as const).map((p) => ({
                  value: p,
                  label: intl.formatMessage({ id: familyMessageId('pathway', p) }),
                })),
              ]}
              onChange={(e) => {
                const v = e.currentTarget.value as ReadinessFilters['pathway'] | '';
                setFilters((f) => ({ ...f, pathway: v || undefined }));
              }}
            />
          </Group>
          <Board filters={filters} />
        </Section>
        <Section titleId="coordination.referrals.title">
          <Referrals />
        </Section>
        <Section titleId="htcds.export.title">
          <HtcdsExport />
        </Section>
      </Stack>
    </>
  );
}
