import { Group, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useIntl } from 'react-intl';

/**
 * The page's one <h1> and the document title ("My cases · Ariadne"), from a catalogue key, with
 * optional actions on the right. Every screen starts with it.
 */
export function PageTitle({
  id,
  children,
}: {
  readonly id: string;
  readonly children?: ReactNode;
}) {
  const intl = useIntl();
  const text = intl.formatMessage({ id });
  useEffect(() => {
    document.title = `${text} · Ariadne`;
  }, [text]);
  return (
    <Group justify="space-between" align="center" mb="md">
      <Title order={1} size="h2">
        {text}
      </Title>
      {children}
    </Group>
  );
}
