import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { CaseLink } from '../../components/CaseLink';
import { ColumnHeads } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { familyMessageId } from '../../lib/i18n/dynamic';

/** `follow-up-2` and `consent-expiry-1` are numbered instances of one kind of deadline. */
function deadlineKind(key: string): string {
  return key.replace(/-\d+$/, '');
}

type RefusedFactTask = components['schemas']['RefusedFactTaskDto'];

/** R30: partner facts a rule refused on her cases, each resolved on its case page. */
function RefusedFactTasks({ items }: { readonly items: readonly RefusedFactTask[] }) {
  if (items.length === 0) return null;
  return (
    <Table striped mb="lg">
      <Table.Caption>
        <FormattedMessage id="tasks.refusedFacts.caption" values={{ count: items.length }} />
      </Table.Caption>
      <ColumnHeads
        ids={[
          'tasks.refusedFacts.kind',
          'tasks.refusedFacts.rule',
          'tasks.refusedFacts.refusedAt',
          'cases.reference',
        ]}
      />
      <Table.Tbody>
        {items.map((f) => (
          <Table.Tr key={`${f.caseId}/${f.factId}`}>
            <Table.Th scope="row">
              <FormattedMessage id={familyMessageId('enum', `factKind.${f.factKind}`)} />
            </Table.Th>
            <Table.Td>{f.rule}</Table.Td>
            <Table.Td>
              <FormattedDate value={f.refusedAt} dateStyle="medium" />
            </Table.Td>
            <Table.Td>
              <CaseLink caseId={f.caseId} reference={f.reference} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** My tasks: every deadline of every case of hers, overdue first, then the soonest. */
export function MyTasksPage() {
  // "Overdue" as of when the page was opened; the list refetches on focus anyway.
  const [now] = useState(() => Date.now());
  const query = useQuery({
    queryKey: ['tasks'],
    queryFn: () => unwrap(api.GET('/api/v1/tasks')),
  });
  return (
    <>
      <PageTitle id="nav.myTasks" />
      <QueryState query={query} unavailableId="tasks.unavailable">
        {(data) => {
          const refused = data.refusedFacts ?? [];
          if (data.items.length === 0) {
            return (
              <>
                <RefusedFactTasks items={refused} />
                <Text>
                  <FormattedMessage id="tasks.empty" />
                </Text>
              </>
            );
          }
          const tasks = [...data.items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
          return (
            <>
              <RefusedFactTasks items={refused} />
              <Table striped>
                <Table.Caption>
                  <FormattedMessage id="tasks.caption" values={{ count: tasks.length }} />
                </Table.Caption>
                <ColumnHeads ids={['tasks.deadline', 'tasks.due', 'cases.reference']} />
                <Table.Tbody>
                  {tasks.map((t) => {
                    const overdue = t.status === 'overdue' || Date.parse(t.dueAt) < now;
                    return (
                      <Table.Tr key={`${t.caseId}/${t.deadline}`}>
                        <Table.Th scope="row">
                          <FormattedMessage
                            id={familyMessageId('deadline', deadlineKind(t.deadline))}
                          />
                        </Table.Th>
                        <Table.Td>
                          <FormattedDate value={t.dueAt} dateStyle="medium" />{' '}
                          {overdue && (
                            <Badge color="red" variant="light">
                              <FormattedMessage id="tasks.overdue" />
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <CaseLink caseId={t.caseId} reference={t.reference} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
