import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { READABLE_TITLE } from '../../components/alertStyles';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PagedTable } from '../../components/PagedTable';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { useOrganisationName } from '../../lib/organisations';
import { useAuditTrail, useVerifyChain, type AuditFilters } from './api';

/** A `datetime-local` value (her local time) as the ISO instant with offset the API wants. */
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function Verification() {
  const intl = useIntl();
  const verify = useVerifyChain();
  const result = verify.data;
  return (
    <Stack component="section" aria-labelledby="audit-verify-h" gap="xs" mb="xl">
      <Title order={2} size="h3" id="audit-verify-h">
        <FormattedMessage id="audit.verify.title" />
      </Title>
      <Text size="sm">
        <FormattedMessage id="audit.verify.explain" />
      </Text>
      <Group>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          <FormattedMessage id="audit.verify.button" />
        </Button>
      </Group>
      {/* Announced when it changes: the result of the check she asked for. */}
      <div role="status" aria-live="polite">
        {verify.error && <ProblemAlert error={verify.error} />}
        {result?.ok === true && (
          <Alert
            styles={READABLE_TITLE}
            color="green"
            title={intl.formatMessage({ id: 'audit.verify.okTitle' })}
          >
            <FormattedMessage id="audit.verify.ok" values={{ count: result.count ?? 0 }} />
          </Alert>
        )}
        {result?.ok === false && (
          <Alert
            styles={READABLE_TITLE}
            color="red"
            title={intl.formatMessage({ id: 'audit.verify.brokenTitle' })}
          >
            <Stack gap={4}>
              <Text>
                <FormattedMessage
                  id="audit.verify.broken"
                  values={{ seq: result.firstBrokenSeq ?? 0 }}
                />
              </Text>
              {result.reason && (
                <Text size="sm">
                  <FormattedMessage id="audit.verify.reason" /> <Code>{result.reason}</Code>
                </Text>
              )}
            </Stack>
          </Alert>
        )}
      </div>
    </Stack>
  );
}

interface FilterForm {
  action: string;
  caseId: string;
  actorId: string;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { action: '', caseId: '', actorId: '', from: '', to: '' };

function toFilters(f: FilterForm): AuditFilters {
  const out: { -readonly [K in keyof AuditFilters]: AuditFilters[K] } = {};
  if (f.action.trim()) out.action = f.action.trim();
  if (f.caseId.trim()) out.caseId = f.caseId.trim();
  if (f.actorId.trim()) out.actorId = f.actorId.trim();
  const from = toInstant(f.from);
  const to = toInstant(f.to);
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}

function Trail({ filters }: { readonly filters: AuditFilters }) {
  const intl = useIntl();
  const organisationName = useOrganisationName();
  const query = useAuditTrail(filters);
  return (
    <PagedTable
      query={query}
      emptyId="audit.empty"
      tableProps={{ fz: 'sm' }}
      loadMoreMt="md"
      caption={(rows) => <FormattedMessage id="audit.caption" values={{ count: rows.length }} />}
      columns={[
        'audit.seq',
        'audit.at',
        'audit.actor',
        'audit.action',
        'audit.case',
        'audit.purpose',
        'audit.outcome',
      ]}
      row={(e) => (
        <Table.Tr key={e.seq}>
          <Table.Th scope="row">
            <FormattedNumber value={e.seq} />
          </Table.Th>
          <Table.Td>
            <FormattedDate value={e.at} dateStyle="medium" timeStyle="medium" />
          </Table.Td>
          <Table.Td>
            {e.actorId ?? '—'}
            {e.actorRole && (
              <Text size="xs" c="dimmed">
                {intl.messages[familyMessageId('role', e.actorRole)] !== undefined
                  ? intl.formatMessage({ id: familyMessageId('role', e.actorRole) })
                  : e.actorRole}
                {e.organisationId ? ` · ${organisationName(e.organisationId)}` : ''}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Code>{e.action}</Code>
          </Table.Td>
          <Table.Td>{e.caseId ? <Code>{e.caseId}</Code> : '—'}</Table.Td>
          <Table.Td>{e.purpose ?? '—'}</Table.Td>
          <Table.Td>
            <Badge variant="light" c="dark.7" color={e.outcome === 'allowed' ? 'green' : 'red'}>
              {intl.messages[familyMessageId('audit.outcome', e.outcome)] !== undefined
                ? intl.formatMessage({ id: familyMessageId('audit.outcome', e.outcome) })
                : e.outcome}
            </Badge>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}

/**
 * The audit trail for an auditor (P5): the hash chain's verification on demand, then the
 * entries of her country, filtered by action, case, actor and time, oldest first.
 */
export function AuditPage() {
  const intl = useIntl();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const field = (key: keyof FilterForm) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [key]: value }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(toFilters(form));
  };

  return (
    <>
      <PageTitle id="nav.audit" />
      <Verification />
      <Stack component="section" aria-labelledby="audit-trail-h" gap="sm">
        <Title order={2} size="h3" id="audit-trail-h">
          <FormattedMessage id="audit.trail.title" />
        </Title>
        <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'audit.filters' })} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mb="sm">
            <TextInput
              label={intl.formatMessage({ id: 'audit.action' })}
              description={intl.formatMessage({ id: 'audit.actionHint' })}
              {...field('action')}
            />
            <TextInput
              label={intl.formatMessage({ id: 'audit.case' })}
              description={intl.formatMessage({ id: 'audit.caseHint' })}
              {...field('caseId')}
            />
            <TextInput
              label={intl.formatMessage({ id: 'audit.actor' })}
              description={intl.formatMessage({ id: 'audit.actorHint' })}
              {...field('actorId')}
            />
            <TextInput
              type="datetime-local"
              label={intl.formatMessage({ id: 'audit.from' })}
              {...field('from')}
            />
            <TextInput
              type="datetime-local"
              label={intl.formatMessage({ id: 'audit.to' })}
              {...field('to')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit">
              <FormattedMessage id="audit.apply" />
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setForm(EMPTY);
                setFilters({});
              }}
            >
              <FormattedMessage id="audit.clear" />
            </Button>
          </Group>
        </form>
        <Trail filters={filters} />
      </Stack>
    </>
  );
}
