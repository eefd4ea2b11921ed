import { Badge, Group, NativeSelect, Table } from '@mantine/core';
import { CaseLink } from '../../components/CaseLink';
import { ButtonLink } from '../../components/Links';
import { PagedTable } from '../../components/PagedTable';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { PageTitle } from '../../components/PageTitle';
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
      <PagedTable
        query={query}
        unavailableId="cases.unavailable"
        emptyId="cases.empty"
        tableProps={{ highlightOnHover: true }}
        loadMoreMt="md"
        caption={(rows) => <FormattedMessage id="cases.caption" values={{ count: rows.length }} />}
        columns={[
          'cases.reference',
          'cases.phase',
          'cases.pathway',
          'cases.nextDeadline',
          'cases.status',
        ]}
        row={(c) => {
          const due = nextDueAt(c);
          return (
            <Table.Tr key={c.caseId}>
              <Table.Th scope="row">
                <CaseLink caseId={c.caseId} reference={c.reference} />
              </Table.Th>
              <Table.Td>
                <FormattedMessage id={familyMessageId('phase', c.phase)} />
              </Table.Td>
              <Table.Td>
                {c.pathway ? <FormattedMessage id={familyMessageId('pathway', c.pathway)} /> : '—'}
              </Table.Td>
              <Table.Td>{due ? <FormattedDate value={due} dateStyle="medium" /> : '—'}</Table.Td>
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
        }}
      />
    </>
  );
}
