import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedDate, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { enumLabel } from '../../components/forms/CommandForm';
import { commandSchema } from '../../components/forms/schema';
import { ColumnHeads } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { useMe } from '../../lib/session/session';
import { ActionDialog, actionLabel, type OpenAction } from './ActionDialog';
import { RefusedFacts, useRefusedFacts } from './RefusedFacts';
import {
  useActions,
  useCase,
  useCommand,
  useDeadlines,
  useReadiness,
  useTimeline,
  type AvailableAction,
  type CaseSummary,
  type Deadline,
  type TimelineEntry,
} from './api';
import { daysLeft } from './dates';
import { PersonDetails } from './PersonDetails';
import { ReadinessChecklist } from './ReadinessChecklist';
import { canExportSubjectData, SubjectDataExport } from './SubjectDataExport';
import { scopeText, sentence } from './sentences';

function Section({
  titleId,
  children,
}: {
  readonly titleId: string;
  readonly children: ReactNode;
}) {
  const intl = useIntl();
  return (
    <Card withBorder component="section" aria-label={intl.formatMessage({ id: titleId })}>
      <Title order={2} size="h4" mb="sm">
        {intl.formatMessage({ id: titleId })}
      </Title>
      {children}
    </Card>
  );
}

/** The open obligations, the earliest first. */
function pending(deadlines: readonly Deadline[]): Deadline[] {
  return deadlines
    .filter((d) => d.status !== 'met')
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

interface Entity {
  readonly id: string;
  readonly label: string;
}

/** Services, consents and referrals still open, from the timeline, for path choices. */
function openEntities(intl: IntlShape, timeline: readonly TimelineEntry[]) {
  const services = new Map<string, Entity>();
  const consents = new Map<string, Entity & { readonly entry: TimelineEntry }>();
  const referrals = new Map<string, Entity>();
  for (const e of timeline) {
    const d = e.data as Record<string, unknown>;
    const date = intl.formatDate(e.occurredAt, { dateStyle: 'medium' });
    const id = (k: string) => String(d[k] ?? '');
    switch (e.type) {
      case 'ServiceRequested':
        services.set(id('serviceId'), {
          id: id('serviceId'),
          label: `${enumLabel(intl, 'serviceKind', id('kind'))} (${date})`,
        });
        break;
      case 'ServiceProvided':
      case 'ServiceDeclined':
      case 'ServiceUnavailable':
        services.delete(id('serviceId'));
        break;
      case 'ConsentGiven':
        consents.set(id('consentId'), {
          id: id('consentId'),
          label: `${scopeText(intl, d['scope'] as never)} (${date})`,
          entry: e,
        });
        break;
      case 'ConsentWithdrawn':
        consents.delete(id('consentId'));
        break;
      case 'CrossBorderReferralSent':
        referrals.set(id('referralId'), {
          id: id('referralId'),
          label: `${enumLabel(intl, 'referralPurpose', id('purpose'))} (${date})`,
        });
        break;
      case 'CrossBorderReferralAccepted':
      case 'CrossBorderReferralDeclined':
      case 'CrossBorderReferralWithdrawn':
        referrals.delete(id('referralId'));
        break;
    }
  }
  return { services, consents, referrals };
}

function CaseHeader({ summary, deadlines }: { summary: CaseSummary; deadlines: Deadline[] }) {
  const intl = useIntl();
  const next = pending(deadlines)[0];
  const ends = summary.reflectionEndedAt ? null : summary.reflectionEndsAt;
  const item = (labelId: string, value: ReactNode) => (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        <FormattedMessage id={labelId} />
      </Text>
      <Text component="dd" fw={600} m={0}>
        {value}
      </Text>
    </div>
  );
  return (
    <Card
      withBorder
      component="section"
      aria-label={intl.formatMessage({ id: 'casePage.summary' })}
    >
      <Group component="dl" gap="xl" m={0} align="flex-start">
        {item(
          'cases.reference',
          summary.reference ?? intl.formatMessage({ id: 'cases.noReference' }),
        )}
        {item('cases.phase', intl.formatMessage({ id: familyMessageId('phase', summary.phase) }))}
        {item(
          'casePage.reflectionEnds',
          ends ? (
            <>
              <FormattedDate value={ends} dateStyle="medium" />{' '}
              <FormattedMessage id="casePage.daysLeft" values={{ days: daysLeft(ends) }} />
            </>
          ) : (
            <FormattedMessage id="casePage.none" />
          ),
        )}
        {item(
          'cases.nextDeadline',
          next ? (
            <>
              {intl.formatMessage({ id: familyMessageId('deadline', next.kind) })}
              {', '}
              <FormattedDate value={next.dueAt} dateStyle="medium" />
              {next.status === 'overdue' && (
                <Badge color="red" ml="xs">
                  <FormattedMessage id="tasks.overdue" />
                </Badge>
              )}
            </>
          ) : (
            <FormattedMessage id="casePage.none" />
          ),
        )}
        {item(
          'casePage.returnReadiness',
          enumLabel(intl, 'returnReadiness', summary.returnReadiness),
        )}
      </Group>
    </Card>
  );
}

function Deadlines({ deadlines }: { deadlines: readonly Deadline[] }) {
  const intl = useIntl();
  const sorted = [...deadlines].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  if (sorted.length === 0)
    return (
      <Text>
        <FormattedMessage id="casePage.noDeadlines" />
      </Text>
    );
  return (
    <Table>
      <Table.Caption>
        <FormattedMessage id="casePage.deadlinesCaption" />
      </Table.Caption>
      <ColumnHeads ids={['tasks.deadline', 'tasks.due', 'cases.status']} />
      <Table.Tbody>
        {sorted.map((d) => (
          <Table.Tr key={d.deadline}>
            <Table.Td>{intl.formatMessage({ id: familyMessageId('deadline', d.kind) })}</Table.Td>
            <Table.Td>
              <FormattedDate value={d.dueAt} dateStyle="medium" />
            </Table.Td>
            <Table.Td>
              <Badge
                // Dark shades on white: the text keeps a 4.5:1 contrast (WCAG 1.4.3).
                color={d.status === 'overdue' ? 'red.9' : d.status === 'met' ? 'teal.9' : 'gray.8'}
                variant="outline"
              >
                {enumLabel(intl, 'deadlineStatus', d.status)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const intl = useIntl();
  const newest = [...entries].reverse();
  return (
    <List
      listStyleType="none"
      spacing="sm"
      aria-label={intl.formatMessage({ id: 'casePage.timeline' })}
    >
      {newest.map((e) => {
        const note =
          e.type === 'NoteAdded'
            ? (e.data as { personal?: { notes?: { text?: unknown } } }).personal?.notes?.text
            : undefined;
        return (
          <List.Item key={e.version}>
            <Text size="sm" c="dimmed" component="span">
              <FormattedDate value={e.occurredAt} dateStyle="medium" timeStyle="short" />
            </Text>
            <Text>{sentence(intl, e)}</Text>
            {typeof note === 'string' && (
              <Text
                component="blockquote"
                m={0}
                pl="sm"
                style={{
                  borderLeft: '3px solid var(--mantine-color-gray-4)',
                  whiteSpace: 'pre-wrap',
                }}
              >
                {note}
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}

function Notes({
  caseId,
  etag,
  onDone,
}: {
  caseId: string;
  etag: string | undefined;
  onDone: (type: string) => void;
}) {
  const intl = useIntl();
  const [text, setText] = useState('');
  const command = useCommand(caseId, etag);
  const schema = commandSchema('AddNote');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!schema || !text.trim()) return;
    command.mutate(
      { schema, body: { personal: { notes: { text: text.trim() } } } },
      {
        onSuccess: () => {
          setText('');
          onDone('AddNote');
        },
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Textarea
          label={intl.formatMessage({ id: 'casePage.note' })}
          description={intl.formatMessage({ id: 'casePage.noteHint' })}
          autosize
          minRows={3}
          maxLength={8000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {command.error !== null && <ProblemAlert error={command.error} />}
        <Group>
          <Button type="submit" loading={command.isPending} disabled={!text.trim()}>
            <FormattedMessage id="casePage.addNote" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Actions({
  actions,
  onOpen,
}: {
  actions: readonly AvailableAction[];
  onOpen: (a: OpenAction) => void;
}) {
  const intl = useIntl();
  // Withdrawing a consent is offered next to each consent; AddNote and resolving a refused
  // partner fact have their own sections; a transfer is answered from the receiver's list.
  const own = ['WithdrawConsent', 'AddNote', 'ResolveRefusedFact', 'AnswerTransfer'];
  const shown = actions.filter((a) => !own.includes(a.type));
  if (shown.length === 0)
    return (
      <Text>
        <FormattedMessage id="casePage.noActions" />
      </Text>
    );
  return (
    <Group gap="xs">
      {shown.map((a) => (
        <Button key={a.type} variant="light" onClick={() => onOpen({ type: a.type })}>
          {actionLabel(intl, a.type)}
        </Button>
      ))}
    </Group>
  );
}

/** The case page: everything about one case and what the caller can do now. */
export function CasePage() {
  const intl = useIntl();
  const { caseId = '' } = useParams({ strict: false });
  const caseQuery = useCase(caseId);
  const actions = useActions(caseId);
  const deadlines = useDeadlines(caseId);
  const readiness = useReadiness(caseId);
  const timeline = useTimeline(caseId);
  const refused = useRefusedFacts(caseId);
  const me = useMe();
  const [open, setOpen] = useState<OpenAction | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const entities = useMemo(() => openEntities(intl, timeline.data ?? []), [intl, timeline.data]);
  const etag = caseQuery.data?.etag;
  const offered = new Set((actions.data?.actions ?? []).map((a) => a.type));

  const done = (type: string) => {
    if (type !== 'RecordIdentification') setOpen(null);
    setAnnouncement(
      intl.formatMessage({ id: 'casePage.recorded' }, { action: actionLabel(intl, type) }),
    );
  };
  const choices = (param: string) => {
    const map =
      param === 'serviceId'
        ? entities.services
        : param === 'consentId'
          ? entities.consents
          : entities.referrals;
    return [...map.values()].map((e) => ({ value: e.id, label: e.label }));
  };

  return (
    <QueryState query={caseQuery}>
      {({ summary }) => (
        <>
          <PageTitle id="casePage.title" />
          <VisuallyHidden role="status" aria-live="polite">
            {announcement}
          </VisuallyHidden>
          <Stack>
            <CaseHeader summary={summary} deadlines={deadlines.data?.deadlines ?? []} />
            {(refused.data?.items.length ?? 0) > 0 && (
              <Section titleId="casePage.refusedFacts">
                <RefusedFacts
                  caseId={caseId}
                  etag={etag}
                  canResolve={offered.has('ResolveRefusedFact')}
                  onDone={done}
                />
              </Section>
            )}
            <Section titleId="casePage.actions">
              <QueryState query={actions}>
                {(a) => <Actions actions={a.actions} onOpen={setOpen} />}
              </QueryState>
              {canExportSubjectData(me.role) && (
                <Group mt="sm">
                  <SubjectDataExport caseId={caseId} onDone={setAnnouncement} />
                </Group>
              )}
            </Section>
            <Grid>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Stack>
                  {readiness.data?.applicable && (
                    <Section titleId="casePage.readiness">
                      <ReadinessChecklist
                        readiness={readiness.data}
                        offered={offered}
                        onOpen={setOpen}
                      />
                    </Section>
                  )}
                  <Section titleId="casePage.deadlines">
                    <QueryState query={deadlines}>
                      {(d) => <Deadlines deadlines={d.deadlines} />}
                    </QueryState>
                  </Section>
                  <Section titleId="casePage.timeline">
                    <QueryState query={timeline}>{(t) => <Timeline entries={t} />}</QueryState>
                  </Section>
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Stack>
                  <Section titleId="casePage.person">
                    <PersonDetails caseId={caseId} />
                  </Section>
                  <Section titleId="casePage.consents">
                    {entities.consents.size === 0 ? (
                      <Text>
                        <FormattedMessage id="casePage.noConsents" />
                      </Text>
                    ) : (
                      <List listStyleType="none" spacing="xs">
                        {[...entities.consents.values()].map((c) => (
                          <List.Item key={c.id}>
                            <Group justify="space-between" wrap="nowrap">
                              <Text>{c.label}</Text>
                              {offered.has('WithdrawConsent') && (
                                <Button
                                  size="xs"
                                  variant="outline"
                                  color="red"
                                  aria-label={intl.formatMessage(
                                    { id: 'casePage.withdrawConsent' },
                                    { consent: c.label },
                                  )}
                                  onClick={() =>
                                    setOpen({
                                      type: 'WithdrawConsent',
                                      pathValues: { consentId: c.id },
                                    })
                                  }
                                >
                                  <FormattedMessage id="casePage.withdraw" />
                                </Button>
                              )}
                            </Group>
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </Section>
                  {offered.has('AddNote') && (
                    <Section titleId="casePage.notes">
                      <Notes caseId={caseId} etag={etag} onDone={done} />
                    </Section>
                  )}
                </Stack>
              </Grid.Col>
            </Grid>
          </Stack>
          <ActionDialog
            caseId={caseId}
            etag={etag}
            action={open}
            choices={choices}
            onClose={() => setOpen(null)}
            onDone={done}
          />
        </>
      )}
    </QueryState>
  );
}
