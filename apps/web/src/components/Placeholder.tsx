import { Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { PageTitle } from './PageTitle';

/** A screen that is being built: its title and a sentence saying so. */
export function Placeholder({ titleId }: { readonly titleId: string }) {
  return (
    <>
      <PageTitle id={titleId} />
      <Text>
        <FormattedMessage id="placeholder.body" />
      </Text>
    </>
  );
}
