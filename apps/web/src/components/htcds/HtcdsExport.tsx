import { Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { ProblemAlert } from '../ProblemAlert';
import { downloadHtcds, type HtcdsFormat } from './api';

/** The coordinator's HTCDS 2.0 export: de-identified, k-anonymous (k = 5), CSV or JSON. */
export function HtcdsExport() {
  const download = useMutation({ mutationFn: (f: HtcdsFormat) => downloadHtcds(f) });
  return (
    <>
      <Text size="sm">
        <FormattedMessage id="htcds.export.explain" />
      </Text>
      <Group>
        {(['csv', 'json'] as const).map((f) => (
          <Button
            key={f}
            variant="default"
            loading={download.isPending && download.variables === f}
            onClick={() => download.mutate(f)}
          >
            <FormattedMessage id={f === 'csv' ? 'htcds.export.csv' : 'htcds.export.json'} />
          </Button>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        <FormattedMessage id="htcds.attribution" />
      </Text>
      {download.error && <ProblemAlert error={download.error} />}
    </>
  );
}
