import { Alert, Button, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { enumLabel, fieldLabel } from '../../components/forms/CommandForm';
import { occurredAtBody } from '../../components/forms/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { CommandSchema } from '../../components/forms/schema';
import type { useCommand } from './api';
import { daysBetween } from './dates';

const OUTCOMES = ['reasonable-grounds', 'no-reasonable-grounds'] as const;
/** R27: who decided. */
const DECIDERS = ['police', 'migration-authority', 'ngo', 'other'] as const;

/**
 * Identification (R1) by hand: what a positive decision starts is said before she decides, and
 * the answer shows the reflection period her country's policy gives, with its end date.
 */
export function IdentificationForm({
  schema,
  command,
}: {
  readonly schema: CommandSchema;
  readonly command: ReturnType<typeof useCommand>;
}) {
  const intl = useIntl();
  const [outcome, setOutcome] = useState('');
  const [missing, setMissing] = useState(false);
  const [decidedBy, setDecidedBy] = useState('');
  const [decidedByMissing, setDecidedByMissing] = useState(false);
  const [occurredAt, setOccurredAt] = useState('');
  const result = command.data;

  if (result) {
    const ends = result.reflectionEndsAt;
    return (
      <Stack>
        <Alert
          variant="default"
          role="status"
          title={intl.formatMessage({ id: 'identification.recorded' })}
        >
          {ends && result.reflectionStartedAt ? (
            <FormattedMessage
              id="identification.reflectionEnds"
              values={{
                date: <FormattedDate value={ends} dateStyle="long" />,
                days: daysBetween(result.reflectionStartedAt, ends),
              }}
            />
          ) : (
            <FormattedMessage id="identification.noReflection" />
          )}
        </Alert>
      </Stack>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!outcome);
    setDecidedByMissing(!decidedBy);
    if (!outcome || !decidedBy) return;
    command.mutate({
      schema,
      body: {
        outcome,
        decidedBy,
        // Issue 10: empty means now; the reflection period runs from when it was decided.
        ...(occurredAt !== '' && { occurredAt: occurredAtBody(occurredAt) }),
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>
          <FormattedMessage id="identification.explain" />
        </Text>
        <Text>
          <FormattedMessage id="identification.positiveStarts" />
        </Text>
        <Radio.Group
          label={intl.formatMessage({ id: 'field.outcome' })}
          required
          value={outcome}
          onChange={(v) => {
            setOutcome(v);
            setMissing(false);
          }}
          error={missing ? intl.formatMessage({ id: 'form.required' }) : undefined}
        >
          <Stack gap="xs" mt="xs">
            {OUTCOMES.map((o) => (
              <Radio key={o} value={o} label={enumLabel(intl, 'identificationOutcome', o)} />
            ))}
          </Stack>
        </Radio.Group>
        <NativeSelect
          label={fieldLabel(intl, 'decidedBy')}
          required
          value={decidedBy}
          onChange={(e) => {
            setDecidedBy(e.currentTarget.value);
            setDecidedByMissing(false);
          }}
          error={decidedByMissing ? intl.formatMessage({ id: 'form.required' }) : undefined}
          data={[
            { value: '', label: intl.formatMessage({ id: 'form.choose' }) },
            ...DECIDERS.map((d) => ({ value: d, label: enumLabel(intl, 'decidedBy', d) })),
          ]}
        />
        <TextInput
          type="datetime-local"
          label={fieldLabel(intl, 'occurredAt')}
          description={intl.formatMessage({ id: 'hint.occurredAt' })}
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.currentTarget.value)}
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
