import { Button, Group, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../../components/ProblemAlert';
import { commandSchema } from '../../components/forms/schema';
import { api, unwrap } from '../../lib/api/client';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { useCommand } from './api';

/** R30: partner facts a rule refused, not yet resolved. */
export function useRefusedFacts(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'refused-facts'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/cases/{caseId}/refused-facts', { params: { path: { caseId } } })),
  });
}

/**
 * R30: what a partner system reported and a rule refused (kind, partner, rule; nothing about
 * her). Her caseworker checks it with the partner or records it herself, then resolves it here.
 */
export function RefusedFacts({
  caseId,
  etag,
  canResolve,
  onDone,
}: {
  readonly caseId: string;
  readonly etag: string | undefined;
  readonly canResolve: boolean;
  readonly onDone: (type: string) => void;
}) {
  const intl = useIntl();
  const query = useRefusedFacts(caseId);
  const command = useCommand(caseId, etag);
  const schema = commandSchema('ResolveRefusedFact');
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      <Text size="sm" mb="xs">
        <FormattedMessage id="refusedFacts.explain" />
      </Text>
      <List listStyleType="none" spacing="xs">
        {items.map((f) => {
          const kind = intl.formatMessage({
            id: familyMessageId('enum', `factKind.${f.factKind}`),
          });
          return (
            <List.Item key={f.factId}>
              <Group justify="space-between" wrap="nowrap">
                <Text>
                  <FormattedMessage
                    id="refusedFacts.item"
                    values={{
                      kind,
                      partner: f.partnerId,
                      rule: f.rule,
                      date: <FormattedDate value={f.refusedAt} dateStyle="medium" />,
                    }}
                  />
                </Text>
                {canResolve && schema && (
                  <Button
                    size="xs"
                    variant="outline"
                    loading={command.isPending}
                    aria-label={intl.formatMessage({ id: 'refusedFacts.resolveOne' }, { kind })}
                    onClick={() =>
                      command.mutate(
                        { schema, body: { factId: f.factId } },
                        { onSuccess: () => onDone('ResolveRefusedFact') },
                      )
                    }
                  >
                    <FormattedMessage id="refusedFacts.resolve" />
                  </Button>
                )}
              </Group>
            </List.Item>
          );
        })}
      </List>
      {command.error !== null && <ProblemAlert error={command.error} />}
    </>
  );
}
