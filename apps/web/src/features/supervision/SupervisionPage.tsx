import { Badge, Button, Group, NativeSelect, Stack, Table, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import {
  FormattedDate,
  FormattedMessage,
  FormattedNumber,
  useIntl,
  type IntlShape,
} from 'react-intl';
import { CaseLink, useCaseReference } from '../../components/CaseLink';
import { PagedTable } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { downloadFile } from '../../lib/download';
import { QueryState } from '../../components/QueryState';
import { familyMessageId } from '../../lib/i18n/dynamic';
import {
  nameOf,
  reflectionRunning,
  useDirectory,
  useOverdue,
  useStalled,
  useWorkload,
  type BoardCase,
  type BoardFilters,
  type DirectoryUser,
  type OverdueCase,
} from './api';
import { HtcdsImport } from '../../components/htcds/HtcdsImport';
import { EndReflectionDialog } from './EndReflectionDialog';
import { ReassignDialog } from './ReassignDialog';

const PHASES = [
  'intake',
  'reflection',
  'assessment',
  'pathway',
  'integration',
  'return',
  'follow-up',
] as const;

/** "3 days", "5 hours", "40 seconds": the largest whole unit, in her language (Intl units). */
export function formatElapsed(intl: IntlShape, seconds: number): string {
  const units = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ] as const;
  const [unit, size] = units.find(([, s]) => seconds >= s) ?? (['second', 1] as const);
  return intl.formatNumber(Math.floor(seconds / size), {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  });
}

interface DialogTarget {
  readonly kind: 'reassign' | 'endEarly';
  readonly c: BoardCase;
}

/** What she can do on one case from the board: reassign (R22), end reflection early (R8). */
function CaseActions({
  c,
  open,
}: {
  readonly c: BoardCase;
  readonly open: (t: DialogTarget) => void;
}) {
  const intl = useIntl();
  const reference = useCaseReference();
  const ref = reference(c.reference);
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        onClick={() => open({ kind: 'reassign', c })}
        aria-label={intl.formatMessage({ id: 'supervision.reassign.for' }, { reference: ref })}
      >
        <FormattedMessage id="supervision.reassign.button" />
      </Button>
      {reflectionRunning(c) && (
        <Button
          size="xs"
          variant="light"
          color="red"
          onClick={() => open({ kind: 'endEarly', c })}
          aria-label={intl.formatMessage({ id: 'supervision.endEarly.for' }, { reference: ref })}
        >
          <FormattedMessage id="supervision.endEarly.button" />
        </Button>
      )}
    </Group>
  );
}

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

function StalledList({
  filters,
  users,
  open,
}: {
  readonly filters: BoardFilters;
  readonly users: readonly DirectoryUser[] | undefined;
  readonly open: (t: DialogTarget) => void;
}) {
  const query = useStalled(filters);
  return (
    <PagedTable
      query={query}
      emptyId="supervision.stalled.empty"
      caption={(rows, first) => (
        <FormattedMessage
          id="supervision.stalled.caption"
          values={{ count: rows.length, total: first?.total ?? rows.length }}
        />
      )}
      columns={[
        'cases.reference',
        'cases.phase',
        'supervision.assignee',
        'supervision.stalledSince',
        'supervision.actions',
      ]}
      row={(c) => (
        <Table.Tr key={c.caseId}>
          <Table.Th scope="row">
            <CaseLink caseId={c.caseId} reference={c.reference} />
          </Table.Th>
          <Table.Td>
            <FormattedMessage id={familyMessageId('phase', c.phase)} />
          </Table.Td>
          <Table.Td>{nameOf(users, c.assigneeId)}</Table.Td>
          <Table.Td>
            {c.stalledSince ? (
              <FormattedDate value={c.stalledSince} dateStyle="medium" timeStyle="short" />
            ) : (
              '—'
            )}
          </Table.Td>
          <Table.Td>
            <CaseActions c={c} open={open} />
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}

function OverdueList({
  filters,
  users,
  open,
}: {
  readonly filters: BoardFilters;
  readonly users: readonly DirectoryUser[] | undefined;
  readonly open: (t: DialogTarget) => void;
}) {
  const intl = useIntl();
  const query = useOverdue(filters);
  return (
    <PagedTable
      query={query}
      emptyId="supervision.overdue.empty"
      caption={(rows, first) => (
        <FormattedMessage
          id="supervision.overdue.caption"
          values={{ count: rows.length, total: first?.total ?? rows.length }}
        />
      )}
      columns={[
        'cases.reference',
        'cases.phase',
        'supervision.assignee',
        'supervision.dueAt',
        'supervision.overdueBy',
        'supervision.actions',
      ]}
      row={(c: OverdueCase) => (
        <Table.Tr key={c.caseId}>
          <Table.Th scope="row">
            <CaseLink caseId={c.caseId} reference={c.reference} />
          </Table.Th>
          <Table.Td>
            <FormattedMessage id={familyMessageId('phase', c.phase)} />
          </Table.Td>
          <Table.Td>{nameOf(users, c.assigneeId)}</Table.Td>
          <Table.Td>
            {c.earliestDueAt ? (
              <FormattedDate value={c.earliestDueAt} dateStyle="medium" timeStyle="short" />
            ) : (
              '—'
            )}
          </Table.Td>
          <Table.Td>
            <Badge color="red" variant="light" c="dark.7">
              {formatElapsed(intl, c.overdueSeconds)}
            </Badge>
          </Table.Td>
          <Table.Td>
            <CaseActions c={c} open={open} />
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}

function Workload({ users }: { readonly users: readonly DirectoryUser[] | undefined }) {
  const query = useWorkload();
  return (
    <QueryState query={query}>
      {(data) => (
        <Table striped>
          <Table.Caption>
            <FormattedMessage
              id="supervision.workload.caption"
              values={{ count: data.items.length }}
            />
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <FormattedMessage id="supervision.workload.person" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="supervision.workload.role" />
              </Table.Th>
              <Table.Th scope="col" ta="right">
                <FormattedMessage id="supervision.workload.open" />
              </Table.Th>
              <Table.Th scope="col" ta="right">
                <FormattedMessage id="supervision.workload.stalled" />
              </Table.Th>
              <Table.Th scope="col" ta="right">
                <FormattedMessage id="supervision.workload.overdue" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((row) => (
              <Table.Tr key={row.userId}>
                <Table.Th scope="row">{nameOf(users, row.userId)}</Table.Th>
                <Table.Td>
                  <FormattedMessage id={familyMessageId('role', row.role)} />
                </Table.Td>
                <Table.Td ta="right">
                  <FormattedNumber value={row.open} />
                </Table.Td>
                <Table.Td ta="right">
                  <FormattedNumber value={row.stalled} />
                </Table.Td>
                <Table.Td ta="right">
                  <FormattedNumber value={row.overdue} />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">
                <FormattedMessage id="supervision.workload.unassigned" />
              </Table.Th>
              <Table.Td>—</Table.Td>
              <Table.Td ta="right">
                <FormattedNumber value={data.unassigned.open} />
              </Table.Td>
              <Table.Td ta="right">
                <FormattedNumber value={data.unassigned.stalled} />
              </Table.Td>
              <Table.Td ta="right">
                <FormattedNumber value={data.unassigned.overdue} />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </QueryState>
  );
}

/**
 * Supervision (R19–R22): her organisation's stalled and overdue cases, the workload of each
 * caseworker by name, and from any listed case: reassignment and an early end of reflection.
 * Each case links to its page, where she sees everything its caseworker sees.
 */
export function SupervisionPage() {
  const intl = useIntl();
  const directory = useDirectory();
  const users = directory.data?.items;
  const [filters, setFilters] = useState<BoardFilters>({});
  const [dialog, setDialog] = useState<DialogTarget | null>(null);
  const any = intl.formatMessage({ id: 'common.any' });
  const staff = (users ?? []).filter((u) => u.role === 'caseworker' || u.role === 'supervisor');
  // Her organisation's caseload as CSV (no personal data of hers; the API audits it).
  const caseload = useMutation({
    mutationFn: () => downloadFile('/api/v1/exports/caseload', {}, 'caseload.csv'),
  });

  return (
    <>
      <PageTitle id="nav.supervision">
        <Button variant="default" loading={caseload.isPending} onClick={() => caseload.mutate()}>
          <FormattedMessage id="supervision.caseloadCsv" />
        </Button>
      </PageTitle>
      {caseload.error && <ProblemAlert error={caseload.error} />}
      <Group
        mb="lg"
        align="flex-end"
        role="group"
        aria-label={intl.formatMessage({ id: 'cases.filters' })}
      >
        <NativeSelect
          label={intl.formatMessage({ id: 'cases.phase' })}
          value={filters.phase ?? ''}
          data={[
            { value: '', label: any },
            ...PHASES.map((p) => ({
              value: p,
              label: intl.formatMessage({ id: familyMessageId('phase', p) }),
            })),
          ]}
          onChange={(e) => {
            const v = e.currentTarget.value as BoardFilters['phase'] | '';
            setFilters((f) => ({ ...f, phase: v || undefined }));
          }}
        />
        <NativeSelect
          label={intl.formatMessage({ id: 'supervision.assignee' })}
          value={filters.assigneeId ?? ''}
          data={[
            { value: '', label: any },
            ...staff.map((u) => ({ value: u.id, label: u.displayName })),
          ]}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setFilters((f) => ({ ...f, assigneeId: v || undefined }));
          }}
        />
      </Group>
      <Stack gap="xl">
        <Section titleId="supervision.stalled.title">
          <StalledList filters={filters} users={users} open={setDialog} />
        </Section>
        <Section titleId="supervision.overdue.title">
          <OverdueList filters={filters} users={users} open={setDialog} />
        </Section>
        <Section titleId="supervision.workload.title">
          <Workload users={users} />
        </Section>
        <Section titleId="htcds.import.title">
          <HtcdsImport />
        </Section>
      </Stack>
      <ReassignDialog
        target={dialog?.kind === 'reassign' ? dialog.c : null}
        onClose={() => setDialog(null)}
      />
      <EndReflectionDialog
        target={dialog?.kind === 'endEarly' ? dialog.c : null}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
