import { Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { ApiProblem } from '../lib/api/problem';
import { NotFound } from './NotFound';
import { ProblemAlert } from './ProblemAlert';

/**
 * The loading / error / data states of one TanStack query, alike on every screen: a labelled
 * spinner, the NotFound page for a 404, a ProblemAlert otherwise.
 */
export function QueryState<T>({
  query,
  unavailableId,
  children,
}: {
  readonly query: { data: T | undefined; error: unknown; isPending: boolean };
  /** For a list: a 404 means the API has no such list (older server), not a missing item. */
  readonly unavailableId?: string;
  readonly children: (data: T) => ReactNode;
}) {
  const intl = useIntl();
  if (query.error) {
    if (query.error instanceof ApiProblem && query.error.isNotFound) {
      return unavailableId ? (
        <Text>{intl.formatMessage({ id: unavailableId })}</Text>
      ) : (
        <NotFound />
      );
    }
    return <ProblemAlert error={query.error} />;
  }
  if (query.isPending || query.data === undefined) {
    return (
      <Center p="xl">
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      </Center>
    );
  }
  return <>{children(query.data)}</>;
}
