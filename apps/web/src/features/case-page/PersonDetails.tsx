import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { enumLabel, fieldLabel } from '../../components/forms/CommandForm';
import { QueryState } from '../../components/QueryState';
import { detailValue } from '../../lib/i18n/display-names';
import { usePerson, useRevealedCategory, type PersonCategory } from './api';

function Fields({ category }: { readonly category: PersonCategory }) {
  const intl = useIntl();
  const entries = Object.entries(category.fields ?? {});
  return (
    <Table variant="vertical" withRowBorders={false}>
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" w="40%">
              {fieldLabel(intl, name)}
            </Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{detailValue(intl, name, value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * A folded (sensitive) category: nothing of it is fetched until she clicks "Show"; the API then
 * records the reveal in the audit trail. "Hide" folds it again and forgets the values.
 */
function Folded({
  caseId,
  category,
}: {
  readonly caseId: string;
  readonly category: PersonCategory;
}) {
  const intl = useIntl();
  const [shown, setShown] = useState(false);
  const revealed = useRevealedCategory(caseId, category.category, shown);
  const name = enumLabel(intl, 'dataCategory', category.category);
  const regionId = `person-${category.category}`;
  return (
    <Stack gap="xs">
      <Button
        variant="default"
        size="compact-sm"
        w="fit-content"
        aria-expanded={shown}
        aria-controls={regionId}
        onClick={() => setShown((s) => !s)}
      >
        {intl.formatMessage({ id: shown ? 'person.hide' : 'person.reveal' }, { category: name })}
      </Button>
      <div id={regionId}>
        {shown && (
          <QueryState query={revealed}>
            {(p) => {
              const c = p.categories.find((x) => x.category === category.category);
              return c && !c.folded ? <Fields category={c} /> : null;
            }}
          </QueryState>
        )}
      </div>
    </Stack>
  );
}

/** "Her current details": the latest value per field, per category; sensitive ones folded. */
export function PersonDetails({ caseId }: { readonly caseId: string }) {
  const intl = useIntl();
  const person = usePerson(caseId);
  return (
    <QueryState query={person}>
      {(p) =>
        p.erased ? (
          <Text>{intl.formatMessage({ id: 'rule.P7' })}</Text>
        ) : p.categories.length === 0 ? (
          <Text>
            <FormattedMessage id="person.none" />
          </Text>
        ) : (
          <Stack gap="md">
            {p.categories.map((c) => (
              <Stack key={c.category} gap={4}>
                <Group justify="space-between" align="baseline">
                  <Title order={3} size="h5">
                    {enumLabel(intl, 'dataCategory', c.category)}
                  </Title>
                  <Text size="xs" c="dimmed">
                    <FormattedMessage
                      id="person.updated"
                      values={{ date: <FormattedDate value={c.updatedAt} dateStyle="medium" /> }}
                    />
                  </Text>
                </Group>
                {c.folded ? <Folded caseId={caseId} category={c} /> : <Fields category={c} />}
              </Stack>
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}
