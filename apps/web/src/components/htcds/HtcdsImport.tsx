import { Alert, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../ProblemAlert';
import { importTemplate, type ImportReport, XLSX_TYPE } from './api';

function Refusals({ report }: { readonly report: ImportReport }) {
  if (report.refused.length === 0) return null;
  return (
    <Table striped>
      <Table.Caption>
        <FormattedMessage id="htcds.import.refusedCaption" values={{ rows: report.refusedRows }} />
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">
            <FormattedMessage id="htcds.import.row" />
          </Table.Th>
          <Table.Th scope="col">
            <FormattedMessage id="htcds.import.column" />
          </Table.Th>
          <Table.Th scope="col">
            <FormattedMessage id="htcds.import.rule" />
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.refused.map((r) => (
          <Table.Tr key={`${r.row}-${r.column}-${r.rule}`}>
            <Table.Td>{r.row}</Table.Td>
            <Table.Td>
              <code>{r.column}</code>
            </Table.Td>
            <Table.Td>
              <code>{r.rule}</code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * A supervisor brings her organisation's cases from the HTCDS 2.0 Excel template: she checks the
 * file first (a dry run listing every refused row by column and rule, never a value), then
 * confirms the import of the accepted rows. The same file twice imports once.
 */
export function HtcdsImport() {
  const intl = useIntl();
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({ mutationFn: (f: File) => importTemplate(f, true) });
  const run = useMutation({ mutationFn: (f: File) => importTemplate(f, false) });
  const dry = check.data;
  const done = run.data;
  return (
    <Stack gap="sm">
      <Text size="sm">
        <FormattedMessage id="htcds.import.explain" />
      </Text>
      <Group align="flex-end">
        <FileInput
          label={intl.formatMessage({ id: 'htcds.import.file' })}
          accept={`${XLSX_TYPE},.xlsx`}
          value={file}
          onChange={(f) => {
            setFile(f);
            check.reset();
            run.reset();
          }}
        />
        <Button
          variant="default"
          disabled={!file}
          loading={check.isPending}
          onClick={() => file && check.mutate(file)}
        >
          <FormattedMessage id="htcds.import.check" />
        </Button>
      </Group>
      {check.error && <ProblemAlert error={check.error} />}
      {dry && !done && (
        <Stack gap="xs" aria-live="polite">
          <Text>
            <FormattedMessage
              id="htcds.import.dryRunSummary"
              values={{
                rows: dry.rows,
                accepted: dry.accepted,
                already: dry.alreadyImported,
                refused: dry.refusedRows,
              }}
            />
          </Text>
          <Refusals report={dry} />
          <Group>
            <Button
              disabled={!file || dry.accepted === 0}
              loading={run.isPending}
              onClick={() => file && run.mutate(file)}
            >
              <FormattedMessage id="htcds.import.confirm" values={{ count: dry.accepted }} />
            </Button>
          </Group>
        </Stack>
      )}
      {run.error && <ProblemAlert error={run.error} />}
      {done && (
        <Stack gap="xs">
          <Alert color="green" role="status">
            <FormattedMessage
              id="htcds.import.done"
              values={{ accepted: done.accepted, already: done.alreadyImported }}
            />
          </Alert>
          <Refusals report={done} />
        </Stack>
      )}
      <Text size="xs" c="dimmed">
        <FormattedMessage id="htcds.attribution" />
      </Text>
    </Stack>
  );
}
