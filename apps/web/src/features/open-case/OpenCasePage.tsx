import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { CommandForm } from '../../components/forms/CommandForm';
import { commandSchema, type FormValues } from '../../components/forms/schema';
import { CaseLink } from '../../components/CaseLink';
import { ColumnHeads } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { api, unwrap } from '../../lib/api/client';
import { ApiProblem } from '../../lib/api/problem';
import { familyMessageId } from '../../lib/i18n/dynamic';

interface Search {
  name: string;
  dateOfBirth: string;
  phone: string;
  documentNumber: string;
}

const EMPTY: Search = { name: '', dateOfBirth: '', phone: '', documentNumber: '' };

/**
 * Find before you open: possible matches in the caller's organisation by name, date of birth,
 * phone or document number (blind indexes on the server). The values live in this component's
 * memory only: sent in a POST body, never in the URL, history state or storage.
 */
function FindBeforeOpen() {
  const intl = useIntl();
  const [search, setSearch] = useState<Search>(EMPTY);
  const find = useMutation({
    mutationFn: (body: Partial<Search>) => unwrap(api.POST('/api/v1/cases/find', { body })),
  });
  const problem = find.error instanceof ApiProblem ? find.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = Object.fromEntries(
      Object.entries(search)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v !== ''),
    ) as Partial<Search>;
    find.mutate(body);
  };
  const input = (key: keyof Search, type = 'text') => (
    <TextInput
      label={intl.formatMessage({ id: familyMessageId('field', key) })}
      type={type}
      autoComplete="off"
      value={search[key]}
      error={problem?.forField(key) ? intl.formatMessage({ id: 'form.fieldInvalid' }) : undefined}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setSearch((s) => ({ ...s, [key]: v }));
      }}
    />
  );
  const matches = find.data?.matches;
  return (
    <Card withBorder component="section" aria-labelledby="find-title">
      <Title order={2} size="h4" id="find-title" mb="xs">
        <FormattedMessage id="openCase.findTitle" />
      </Title>
      <Text size="sm" mb="sm">
        <FormattedMessage id="openCase.findHint" />
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start" wrap="wrap">
            {input('name')}
            {input('dateOfBirth', 'date')}
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            {input('phone', 'tel')}
            {input('documentNumber')}
          </Group>
          {find.error !== null && <ProblemAlert error={find.error} />}
          <Group>
            <Button type="submit" loading={find.isPending}>
              <FormattedMessage id="openCase.search" />
            </Button>
          </Group>
        </Stack>
      </form>
      <div role="status" aria-live="polite">
        {matches &&
          (matches.length === 0 ? (
            <Text mt="md">
              <FormattedMessage id="openCase.noMatches" />
            </Text>
          ) : (
            <Table mt="md">
              <Table.Caption>
                <FormattedMessage id="openCase.matches" values={{ count: matches.length }} />
              </Table.Caption>
              <ColumnHeads ids={['cases.reference', 'cases.phase']} />
              <Table.Tbody>
                {matches.map((m) => (
                  <Table.Tr key={m.caseId}>
                    <Table.Td>
                      <CaseLink caseId={m.caseId} reference={m.reference} />
                    </Table.Td>
                    <Table.Td>
                      {intl.formatMessage({ id: familyMessageId('phase', m.phase) })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
      </div>
    </Card>
  );
}

interface Opened {
  readonly caseId: string;
}

/** Opens the case, then (if she gave any) records her first details, then shows the case. */
function OpenForm() {
  const intl = useIntl();
  const navigate = useNavigate();
  const openSchema = commandSchema('OpenCase');
  const detailsSchema = commandSchema('RecordPersonDetails');
  const open = useMutation({
    mutationFn: async (body: FormValues): Promise<Opened> => {
      const { personal, ...rest } = body;
      const summary = await unwrap(
        api.POST('/api/v1/cases', { body: rest as { referralSource: 'other' } }),
      );
      if (personal && Object.keys(personal).length > 0) {
        await unwrap(
          api.POST('/api/v1/cases/{caseId}/person-details', {
            params: {
              path: { caseId: summary.caseId },
              header: { 'If-Match': `"${summary.version}"` },
            },
            body: { personal } as never,
          }),
        );
      }
      return { caseId: summary.caseId };
    },
    onSuccess: ({ caseId }) => navigate({ to: '/cases/$caseId', params: { caseId } }),
  });
  if (!openSchema || !detailsSchema) return null;
  const schema = {
    kind: 'object' as const,
    properties: [
      // The assignee defaults to the caller; reassignment is a supervisor's decision (R22).
      ...openSchema.body.properties.filter((p) => p.name !== 'assigneeId'),
      ...detailsSchema.body.properties.map((p) => ({ ...p, required: false })),
    ],
  };
  return (
    <Card withBorder component="section" aria-labelledby="open-title">
      <Title order={2} size="h4" id="open-title" mb="xs">
        <FormattedMessage id="openCase.openTitle" />
      </Title>
      <Text size="sm" mb="sm">
        <FormattedMessage id="openCase.openHint" />
      </Text>
      <CommandForm
        schema={schema}
        submitLabel={intl.formatMessage({ id: 'openCase.submit' })}
        pending={open.isPending}
        error={open.error}
        onSubmit={(body) => open.mutate(body)}
      />
    </Card>
  );
}

export function OpenCasePage() {
  return (
    <>
      <PageTitle id="newCase.title" />
      <Stack>
        <FindBeforeOpen />
        <OpenForm />
      </Stack>
    </>
  );
}
