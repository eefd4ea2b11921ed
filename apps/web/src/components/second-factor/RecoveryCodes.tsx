import { Alert, Button, Code, CopyButton, Group, List, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

/**
 * Her recovery codes, shown this once: each signs in once when her app or passkey is not at
 * hand. Copy and print are offered; nothing is kept in the browser.
 */
export function RecoveryCodes({
  codes,
  onDone,
  headingOrder = 2,
}: {
  readonly codes: readonly string[];
  readonly onDone: () => void;
  readonly headingOrder?: 2 | 3;
}) {
  const intl = useIntl();
  return (
    <Stack>
      <Title order={headingOrder}>
        <FormattedMessage id="secondFactor.recoveryTitle" />
      </Title>
      <Alert color="yellow" role="status">
        <FormattedMessage id="secondFactor.recoveryHelp" />
      </Alert>
      <List
        aria-label={intl.formatMessage({ id: 'secondFactor.recoveryTitle' })}
        listStyleType="none"
        spacing={4}
      >
        {codes.map((c) => (
          <List.Item key={c}>
            <Code fz="md">{c}</Code>
          </List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              <FormattedMessage id={copied ? 'secondFactor.copied' : 'secondFactor.copy'} />
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => window.print()}>
          <FormattedMessage id="secondFactor.print" />
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="secondFactor.recoveryOnce" />
      </Text>
      <Button onClick={onDone}>
        <FormattedMessage id="secondFactor.recoverySaved" />
      </Button>
    </Stack>
  );
}
