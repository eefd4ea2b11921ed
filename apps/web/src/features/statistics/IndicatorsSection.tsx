import { BarChart } from '@mantine/charts';
import { Badge, Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage, FormattedNumber, useIntl, type IntlShape } from 'react-intl';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { downloadFile } from '../../lib/download';
import { type IndicatorRow, type IndicatorsRequest, useIndicators } from './api';

/** The part of an indicator in her language: a follow-up's months or a kind of service. */
function partLabel(intl: IntlShape, breakdown: string | null): string {
  if (breakdown === null) return '';
  const months = /^(\d+)-months$/.exec(breakdown);
  if (months) return intl.formatMessage({ id: 'indicators.months' }, { months: Number(months[1]) });
  const id = familyMessageId('enum', `serviceKind.${breakdown}`);
  return intl.messages[id] !== undefined ? intl.formatMessage({ id }) : breakdown;
}

function Value({ row }: { readonly row: IndicatorRow }) {
  if (row.suppressed) {
    return (
      <Badge color="gray" variant="outline" c="dark.7">
        <FormattedMessage id="statistics.suppressed" />
      </Badge>
    );
  }
  if (row.value === null) return <Text span>–</Text>;
  if (row.measure === 'share') {
    return <FormattedNumber value={row.value} style="percent" maximumFractionDigits={1} />;
  }
  return <FormattedNumber value={row.value} maximumFractionDigits={1} />;
}

/**
 * A grouped bar chart of two measures over the parts of one indicator (follow-ups: due and done;
 * services: offered and provided). A suppressed value has no bar and its part says so; the table
 * carries every number for everyone.
 */
function PairChart({
  rows,
  indicator,
  measures,
  titleId,
}: {
  readonly rows: readonly IndicatorRow[];
  readonly indicator: string;
  readonly measures: readonly [string, string];
  readonly titleId: string;
}) {
  const intl = useIntl();
  const mine = rows.filter((r) => r.indicator === indicator);
  const parts = [...new Set(mine.map((r) => r.breakdown ?? ''))];
  if (parts.length === 0) return null;
  const mark = intl.formatMessage({ id: 'statistics.suppressed' });
  const data = parts.map((part) => {
    const entry: Record<string, string | number | null> = {};
    let hidden = false;
    for (const m of measures) {
      const r = mine.find((x) => (x.breakdown ?? '') === part && x.measure === m);
      entry[m] = r && !r.suppressed ? r.value : null;
      hidden ||= r?.suppressed === true;
    }
    const label = partLabel(intl, part || null);
    return { ...entry, part: hidden ? `${label} (${mark})` : label };
  });
  const headingId = `indicators-${indicator}-h`;
  return (
    <Stack component="section" aria-labelledby={headingId} gap="xs">
      <Title order={3} size="h4" id={headingId}>
        <FormattedMessage id={titleId} />
      </Title>
      <Box role="img" aria-labelledby={headingId}>
        <BarChart
          h={260}
          data={data}
          dataKey="part"
          withLegend
          series={measures.map((m, i) => ({
            name: m,
            label: intl.formatMessage({ id: familyMessageId('indicators.measure', m) }),
            color: i === 0 ? 'blue.7' : 'teal.7',
          }))}
          valueFormatter={(v) => intl.formatNumber(v)}
          barChartProps={{ accessibilityLayer: false }}
        />
      </Box>
    </Stack>
  );
}

/**
 * The indicators a network reports on (issue 10): two charts and the accessible table with
 * every figure (suppressed ones marked, never zero), and the figures as CSV. For coordinators
 * (their country) and supervisors (their organisation); the API decides the scope.
 */
export function IndicatorsSection({ request }: { readonly request: IndicatorsRequest }) {
  const intl = useIntl();
  const query = useIndicators(request);
  const csv = useMutation({
    mutationFn: () =>
      downloadFile(
        '/api/v1/statistics/indicators',
        {
          format: 'csv',
          ...(request.from ? { from: request.from } : {}),
          ...(request.to ? { to: request.to } : {}),
        },
        'indicators.csv',
      ),
  });
  return (
    <Stack component="section" aria-labelledby="indicators-h" gap="md" mt="xl">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="indicators-h">
          <FormattedMessage id="indicators.title" />
        </Title>
        <Button variant="default" loading={csv.isPending} onClick={() => csv.mutate()}>
          <FormattedMessage id="indicators.downloadCsv" />
        </Button>
      </Group>
      {csv.error && <ProblemAlert error={csv.error} />}
      <QueryState query={query}>
        {(data) => (
          <Stack gap="lg">
            <Text size="sm" c="dimmed">
              <FormattedMessage id="indicators.intro" values={{ threshold: data.threshold }} />
            </Text>
            <PairChart
              rows={data.rows}
              indicator="follow-ups-done"
              measures={['due', 'done']}
              titleId="indicators.followUpsChart"
            />
            <PairChart
              rows={data.rows}
              indicator="services-offered-provided"
              measures={['offered', 'provided']}
              titleId="indicators.servicesChart"
            />
            <Table striped>
              <Table.Caption>
                <FormattedMessage id="indicators.caption" values={{ threshold: data.threshold }} />
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    <FormattedMessage id="indicators.col.indicator" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="indicators.col.part" />
                  </Table.Th>
                  <Table.Th scope="col">
                    <FormattedMessage id="indicators.col.measure" />
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    <FormattedMessage id="indicators.col.value" />
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((r) => (
                  <Table.Tr key={`${r.indicator}/${r.breakdown ?? ''}/${r.measure}`}>
                    <Table.Th scope="row">
                      {intl.formatMessage({ id: familyMessageId('indicators.name', r.indicator) })}
                    </Table.Th>
                    <Table.Td>{partLabel(intl, r.breakdown)}</Table.Td>
                    <Table.Td>
                      {intl.formatMessage({ id: familyMessageId('indicators.measure', r.measure) })}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Value row={r} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
