import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { ApiProblem } from '../../lib/api/problem';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { ProblemAlert } from '../ProblemAlert';
import { LanguageSelect } from './LanguageSelect';
import { toBody, type FieldSchema, type FormValues, type ObjectSchema } from './schema';

/** A translated label from a family, or the raw name when the catalogue lacks it. */
export function labelOf(intl: IntlShape, id: string, fallback: string): string {
  return intl.messages[id] !== undefined ? intl.formatMessage({ id }) : fallback;
}

export function fieldLabel(intl: IntlShape, name: string): string {
  return labelOf(intl, familyMessageId('field', name), name);
}

export function enumLabel(intl: IntlShape, enumName: string, value: string): string {
  return labelOf(intl, familyMessageId('enum', `${enumName}.${value}`), value);
}

function hintOf(intl: IntlShape, name: string): string | undefined {
  const id = familyMessageId('hint', name);
  return intl.messages[id] !== undefined ? intl.formatMessage({ id }) : undefined;
}

/** A choice of one of the path's other ids (which service, which consent …). */
export interface PathChoice {
  readonly name: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}

function getIn(values: FormValues, path: readonly string[]): unknown {
  let v: unknown = values;
  for (const k of path) v = (v as FormValues | undefined)?.[k];
  return v;
}

function setIn(values: FormValues, path: readonly string[], value: unknown): FormValues {
  const [head, ...rest] = path;
  if (head === undefined) return values;
  const inner = (values[head] as FormValues | undefined) ?? {};
  return { ...values, [head]: rest.length === 0 ? value : setIn(inner, rest, value) };
}

/**
 * The generic command form: its fields come from the command's request schema in the OpenAPI
 * document (enums → selects, arrays of enums → checkbox groups, booleans → checkboxes, dates →
 * date inputs, nested objects → fieldsets), its labels, hints and values from the catalogue
 * (`field.<name>`, `hint.<name>`, `enum.<enumName>.<value>`). A refusal is shown next to the
 * submit button in the user's language; a field the API refused is marked at the field.
 */
export function CommandForm({
  schema,
  submitLabel,
  onSubmit,
  error,
  pending,
  pathChoices = [],
  omit = [],
  initial = {},
  children,
}: {
  readonly schema: ObjectSchema;
  readonly submitLabel: string;
  readonly onSubmit: (body: FormValues, pathValues: Record<string, string>) => void;
  readonly error: unknown;
  readonly pending: boolean;
  readonly pathChoices?: readonly PathChoice[];
  /** Top-level fields filled by the caller (not shown). */
  readonly omit?: readonly string[];
  readonly initial?: FormValues;
  readonly children?: ReactNode;
}) {
  const intl = useIntl();
  const [values, setValues] = useState<FormValues>(initial);
  const [pathValues, setPathValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(pathChoices.map((c) => [c.name, c.options[0]?.value ?? ''])),
  );
  const problem = error instanceof ApiProblem ? error : undefined;
  const visible: ObjectSchema = {
    kind: 'object',
    properties: schema.properties.filter((p) => !omit.includes(p.name)),
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...initial, ...(toBody(visible, values) ?? {}) }, pathValues);
  };

  const fieldError = (path: readonly string[]): string | undefined =>
    problem?.forField(path.join('.')) ? intl.formatMessage({ id: 'form.fieldInvalid' }) : undefined;

  const render = (name: string, s: FieldSchema, required: boolean, path: string[]): ReactNode => {
    const label = fieldLabel(intl, name);
    const description = hintOf(intl, name);
    const value = getIn(values, path);
    const set = (v: unknown) => setValues((old) => setIn(old, path, v));
    const common = { label, description, required, error: fieldError(path) };
    switch (s.kind) {
      case 'object':
        return (
          <Fieldset key={path.join('.')} legend={label}>
            <Stack gap="sm">
              {description && <Text size="sm">{description}</Text>}
              {s.properties.map((p) => render(p.name, p.schema, p.required, [...path, p.name]))}
            </Stack>
          </Fieldset>
        );
      case 'enum':
        return (
          <NativeSelect
            key={path.join('.')}
            {...common}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => set(e.currentTarget.value)}
            data={[
              { value: '', label: intl.formatMessage({ id: 'form.choose' }) },
              ...s.values.map((v) => ({ value: v, label: enumLabel(intl, s.enumName, v) })),
            ]}
          />
        );
      case 'enumArray':
        return (
          <Checkbox.Group
            key={path.join('.')}
            {...common}
            value={Array.isArray(value) ? (value as string[]) : []}
            onChange={set}
          >
            <Stack gap={6} mt={6}>
              {s.values.map((v) => (
                <Checkbox key={v} value={v} label={enumLabel(intl, s.enumName, v)} />
              ))}
            </Stack>
          </Checkbox.Group>
        );
      case 'boolean':
        return (
          <Checkbox
            key={path.join('.')}
            label={label}
            description={description}
            error={common.error}
            checked={value === true}
            onChange={(e) => set(e.currentTarget.checked)}
          />
        );
      case 'number':
        return (
          <NumberInput
            key={path.join('.')}
            {...common}
            min={s.min}
            value={typeof value === 'number' ? value : ''}
            onChange={(v) => set(typeof v === 'number' ? v : undefined)}
          />
        );
      case 'stringArray':
        return (
          <Textarea
            key={path.join('.')}
            {...common}
            value={Array.isArray(value) ? (value as string[]).join('\n') : ''}
            onChange={(e) => set(e.currentTarget.value.split('\n').filter((l) => l.trim()))}
          />
        );
      case 'string': {
        if (name === 'language') {
          return (
            <LanguageSelect
              key={path.join('.')}
              {...common}
              value={typeof value === 'string' ? value : ''}
              onChange={set}
            />
          );
        }
        const text = typeof value === 'string' ? value : '';
        if ((s.maxLength ?? 0) > 500) {
          return (
            <Textarea
              key={path.join('.')}
              {...common}
              autosize
              minRows={3}
              maxLength={s.maxLength}
              value={text}
              onChange={(e) => set(e.currentTarget.value)}
            />
          );
        }
        const type =
          path[path.length - 1] === 'occurredAt'
            ? 'datetime-local'
            : s.format === 'date' || s.format === 'date-time'
              ? 'date'
              : s.format === 'email'
                ? 'email'
                : 'text';
        return (
          <TextInput
            key={path.join('.')}
            {...common}
            type={type}
            maxLength={s.maxLength}
            autoComplete="off"
            value={text}
            onChange={(e) => set(e.currentTarget.value)}
          />
        );
      }
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {pathChoices.map((c) => (
          <NativeSelect
            key={c.name}
            label={fieldLabel(intl, c.name)}
            required
            value={pathValues[c.name] ?? ''}
            data={[...c.options]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setPathValues((old) => ({ ...old, [c.name]: v }));
            }}
          />
        ))}
        {visible.properties.map((p) => render(p.name, p.schema, p.required, [p.name]))}
        {children}
        {error !== null && error !== undefined && <ProblemAlert error={error} />}
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
