import { Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from './Links';
import { FormattedMessage } from 'react-intl';

/**
 * One page for "missing" and "not yours" alike (a case of another organisation must look
 * exactly like a case that does not exist): render it for any 404 from the API too.
 */
export function NotFound() {
  return (
    <Stack gap="sm">
      <Title order={1}>
        <FormattedMessage id="notFound.title" />
      </Title>
      <Text>
        <FormattedMessage id="notFound.body" />
      </Text>
      <AnchorLink to="/">
        <FormattedMessage id="notFound.home" />
      </AnchorLink>
    </Stack>
  );
}
