import { Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { enumLabel, fieldLabel } from '../../components/forms/CommandForm';
import { LanguageSelect } from '../../components/forms/LanguageSelect';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { CommandSchema, FieldSchema } from '../../components/forms/schema';
import { ApiProblem } from '../../lib/api/problem';
import type { CaseSummary, useCommand } from './api';

/** The enum values of a nested field of the schema (so the form follows the API's lists). */
function valuesOf(schema: CommandSchema, path: readonly string[]): readonly string[] {
  let s: FieldSchema | undefined = schema.body;
  for (const name of path) {
    s = s?.kind === 'object' ? s.properties.find((p) => p.name === name)?.schema : undefined;
  }
  return s?.kind === 'enum' || s?.kind === 'enumArray' ? s.values : [];
}

/**
 * Consent by hand (R5, P4): what she agrees to (a service, her return, or sharing chosen
 * categories with one recipient for one purpose), until when, and in which language she gave
 * it, with or without an interpreter: her decision, recorded as she expressed it.
 */
export function ConsentForm({
  schema,
  command,
  onDone,
}: {
  readonly schema: CommandSchema;
  readonly command: ReturnType<typeof useCommand>;
  readonly onDone: (summary: CaseSummary) => void;
}) {
  const intl = useIntl();
  const [kind, setKind] = useState('');
  const [service, setService] = useState('');
  const [recipient, setRecipient] = useState('');
  const [purpose, setPurpose] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [expires, setExpires] = useState('');
  const [language, setLanguage] = useState('');
  const [interpreter, setInterpreter] = useState(false);
  const [tried, setTried] = useState(false);
  const problem = command.error instanceof ApiProblem ? command.error : undefined;
  const choose = intl.formatMessage({ id: 'form.choose' });
  const required = intl.formatMessage({ id: 'form.required' });
  const invalid = (field: string) =>
    problem?.forField(field) ? intl.formatMessage({ id: 'form.fieldInvalid' }) : undefined;
  const options = (enumName: string, values: readonly string[]) => [
    { value: '', label: choose },
    ...values.map((v) => ({ value: v, label: enumLabel(intl, enumName, v) })),
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!kind || !language || (kind === 'service' && !service)) return;
    const scope: Record<string, unknown> = { kind };
    if (kind === 'service') scope['service'] = service;
    if (kind === 'data-sharing') {
      if (recipient.trim()) scope['recipientOrganisationId'] = recipient.trim();
      if (purpose) scope['purpose'] = purpose;
      scope['categories'] = categories;
    }
    command.mutate(
      {
        schema,
        body: {
          scope,
          communication: { language, interpreterUsed: interpreter },
          ...(expires && { expiresAt: `${expires}T00:00:00Z` }),
        },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          <FormattedMessage id="consent.explain" />
        </Text>
        <NativeSelect
          label={intl.formatMessage({ id: 'consent.kind' })}
          required
          value={kind}
          error={tried && !kind ? required : invalid('scope.kind')}
          data={options('consentKind', valuesOf(schema, ['scope', 'kind']))}
          onChange={(e) => setKind(e.currentTarget.value)}
        />
        {kind === 'service' && (
          <NativeSelect
            label={fieldLabel(intl, 'service')}
            required
            value={service}
            error={tried && !service ? required : invalid('scope.service')}
            data={options('serviceKind', valuesOf(schema, ['scope', 'service']))}
            onChange={(e) => setService(e.currentTarget.value)}
          />
        )}
        {kind === 'data-sharing' && (
          <>
            <TextInput
              label={fieldLabel(intl, 'recipientOrganisationId')}
              description={intl.formatMessage({ id: 'consent.recipientHint' })}
              required
              autoComplete="off"
              value={recipient}
              error={invalid('scope.recipientOrganisationId')}
              onChange={(e) => setRecipient(e.currentTarget.value)}
            />
            <NativeSelect
              label={fieldLabel(intl, 'purpose')}
              required
              value={purpose}
              error={invalid('scope.purpose')}
              data={options('referralPurpose', valuesOf(schema, ['scope', 'purpose']))}
              onChange={(e) => setPurpose(e.currentTarget.value)}
            />
            <Checkbox.Group
              label={fieldLabel(intl, 'categories')}
              value={categories}
              onChange={setCategories}
              error={invalid('scope.categories')}
            >
              <Stack gap={6} mt={6}>
                {valuesOf(schema, ['scope', 'categories']).map((c) => (
                  <Checkbox key={c} value={c} label={enumLabel(intl, 'dataCategory', c)} />
                ))}
              </Stack>
            </Checkbox.Group>
          </>
        )}
        <TextInput
          type="date"
          label={fieldLabel(intl, 'expiresAt')}
          description={intl.formatMessage({ id: 'consent.expiresHint' })}
          value={expires}
          error={invalid('expiresAt')}
          onChange={(e) => setExpires(e.currentTarget.value)}
        />
        <LanguageSelect
          label={intl.formatMessage({ id: 'consent.language' })}
          required
          value={language}
          error={tried && !language ? required : invalid('communication.language')}
          onChange={setLanguage}
        />
        <Checkbox
          label={fieldLabel(intl, 'interpreterUsed')}
          checked={interpreter}
          onChange={(e) => setInterpreter(e.currentTarget.checked)}
        />
        {command.error !== null && <ProblemAlert error={command.error} />}
        <Group>
          <Button type="submit" loading={command.isPending}>
            <FormattedMessage id="form.submit" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
