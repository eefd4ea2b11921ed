import { Badge, Button, Center, Group, NativeSelect, Table, Text } from '@mantine/core';
import { AnchorLink, ButtonLink } from '../../components/Links';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { familyMessageId, type MessageFamily } from '../../lib/i18n/dynamic';
import { isStalled, nextDueAt, useMyCases, type CaseFilters } from './api';

const PHASES = [
  'intake',
  'reflection',
  'assessment',
  'pathway',
  'integration',
  'return',
  'follow-up',
  'closed',
];
const STATUSES = ['open', 'closed'];
const PATHWAYS = ['undecided', 'integration', 'return', 'third-country'];

function family(name: MessageFamily, values: readonly string[]) {
  return values.map((value) => ({ value, labelId: familyMessageId(name, value) }));
}

/** My cases: the caller's cases with filters, the next deadline first, "Load more" pages. */
export function MyCasesPage() {
  const intl = useIntl();
  const [filters, setFilters] = useState<CaseFilters>({ status: 'open' });
  const query = useMyCases(filters);
  const any = intl.formatMessage({ id: 'common.any' });

  const select = (
    key: keyof CaseFilters,
    labelId: string,
    options: readonly { value: string; labelId: string }[],
  ) => (
    <NativeSelect
      label={intl.formatMessage({ id: labelId })}
      value={filters[key] ?? ''}
      data={[
        { value: '', label: any },
        ...options.map((o) => ({ value: o.value, label: intl.formatMessage({ id: o.labelId }) })),
      ]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setFilters((f) => ({ ...f, [key]: value || undefined }));
      }}
    />
  );

  return (
    <>
      <PageTitle id="nav.myCases">
        <ButtonLink to="/cases/new">
          <FormattedMessage id="cases.open" />
        </ButtonLink>
      </PageTitle>
      <Group
        mb="md"
        align="flex-end"
        role="group"
        aria-label={intl.formatMessage({ id: 'cases.filters' })}
      >
        {select('phase', 'cases.phase', family('phase', PHASES))}
        {select('status', 'cases.status', family('status', STATUSES))}
        {select('stalled', 'cases.stalled', [
          { value: 'true', labelId: 'cases.stalledOnly' },
          { value: 'false', labelId: 'cases.notStalled' },
        ])}
        {select('pathway', 'cases.pathway', family('pathway', PATHWAYS))}
      </Group>
      <QueryState query={query} unavailableId="cases.unavailable">
        {(data) => {
          const rows = data.pages.flatMap((p) => p.items);
          if (rows.length === 0) {
            return (
              <Text>
                <FormattedMessage id="cases.empty" />
              </Text>
            );
          }
          return (
            <>
              <Table striped highlightOnHover>
                <Table.Caption>
                  <FormattedMessage id="cases.caption" values={{ count: rows.length }} />
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">
                      <FormattedMessage id="cases.reference" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="cases.phase" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="cases.pathway" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="cases.nextDeadline" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="cases.status" />
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((c) => {
                    const due = nextDueAt(c);
                    return (
                      <Table.Tr key={c.caseId}>
                        <Table.Th scope="row">
                          <AnchorLink to="/cases/$caseId" params={{ caseId: c.caseId }}>
                            {c.reference ?? intl.formatMessage({ id: 'cases.noReference' })}
                          </AnchorLink>
                        </Table.Th>
                        <Table.Td>
                          <FormattedMessage id={familyMessageId('phase', c.phase)} />
                        </Table.Td>
                        <Table.Td>
                          {c.pathway ? (
                            <FormattedMessage id={familyMessageId('pathway', c.pathway)} />
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td>
                          {due ? <FormattedDate value={due} dateStyle="medium" /> : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            <FormattedMessage id={familyMessageId('status', c.status)} />
                            {isStalled(c) && (
                              <Badge color="orange" variant="light">
                                <FormattedMessage id="cases.stalledBadge" />
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              {query.hasNextPage && (
                <Center mt="md">
                  <Button
                    variant="default"
                    loading={query.isFetchingNextPage}
                    onClick={() => void query.fetchNextPage()}
                  >
                    <FormattedMessage id="common.loadMore" />
                  </Button>
                </Center>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
