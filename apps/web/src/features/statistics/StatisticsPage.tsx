import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, FormattedNumber, useIntl, type IntlShape } from 'react-intl';
import { READABLE_TITLE } from '../../components/alertStyles';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { IndicatorsSection } from './IndicatorsSection';
import {
  DIMENSIONS,
  downloadCsv,
  isPersonDimension,
  useStatistics,
  wholeMonths,
  type Dimension,
  type Statistics,
  type StatisticsRequest,
} from './api';

const COLOURS = [
  'blue.7',
  'teal.7',
  'orange.7',
  'grape.7',
  'cyan.8',
  'pink.7',
  'lime.8',
  'indigo.7',
];

type Row = Statistics['rows'][number];

/** A dimension's value in her language: a catalogue family, or the region's name by Intl. */
function valueLabel(intl: IntlShape, dimension: Dimension, value: unknown): string {
  const v = typeof value === 'string' ? value : String(value);
  switch (dimension) {
    case 'phase':
    case 'pathway':
    case 'status':
    case 'referralSource': {
      const id =
        dimension === 'referralSource'
          ? familyMessageId('enum', `referralSource.${v}`)
          : familyMessageId(dimension, v);
      return intl.messages[id] !== undefined ? intl.formatMessage({ id }) : v;
    }
    case 'referralSourceType': {
      const id = familyMessageId('statistics.sourceType', v);
      return intl.messages[id] !== undefined ? intl.formatMessage({ id }) : v;
    }
    case 'formOfExploitation':
      // HTCDS vic_TypeOfExploitation value names are the standard's own; 'unknown' is ours.
      return v === 'unknown'
        ? intl.formatMessage({ id: 'statistics.formUnknown' })
        : v.replace(/([a-z])([A-Z])/g, '$1 $2');
    case 'sex': {
      if (v === 'unknown') return intl.formatMessage({ id: 'statistics.formUnknown' });
      const id = familyMessageId('statistics.sex', v);
      return intl.messages[id] !== undefined ? intl.formatMessage({ id }) : v;
    }
    case 'ageBand':
      return v === 'unknown' ? intl.formatMessage({ id: 'statistics.formUnknown' }) : v;
    case 'citizenship':
      if (v === 'unknown') return intl.formatMessage({ id: 'statistics.formUnknown' });
      if (v === 'multiple') return intl.formatMessage({ id: 'statistics.citizenshipMultiple' });
      if (v === 'other') return intl.formatMessage({ id: 'statistics.citizenshipOther' });
      return regionLabel(intl, v);
    case 'country':
      return regionLabel(intl, v);
  }
}

function regionLabel(intl: IntlShape, v: string): string {
  const name = new Intl.DisplayNames([intl.locale], { type: 'region', fallback: 'code' }).of(v);
  return name && name !== v ? `${name} (${v})` : v;
}

function countOf(row: Row): number | null {
  return typeof row.count === 'number' ? row.count : null;
}

/**
 * The chart: the first dimension along the axis, the second (if any) as stacked series.
 * A suppressed cell has no bar (never a zero bar) and its category says "suppressed".
 */
function Chart({ data, labelledBy }: { readonly data: Statistics; readonly labelledBy: string }) {
  const intl = useIntl();
  const [first, second] = data.groupBy as Dimension[];
  if (!first) return null;
  const suppressedMark = intl.formatMessage({ id: 'statistics.suppressed' });
  const categories = new Map<string, Record<string, string | number | null>>();
  const seriesKeys: string[] = [];
  const suppressedIn = new Set<string>();
  for (const row of data.rows) {
    const cat = String(row[first]);
    const key = second ? String(row[second]) : 'count';
    if (!seriesKeys.includes(key)) seriesKeys.push(key);
    const entry = categories.get(cat) ?? { category: cat };
    entry[key] = countOf(row);
    if (row.suppressed) suppressedIn.add(cat);
    categories.set(cat, entry);
  }
  const chartData = [...categories.entries()].map(([cat, entry]) => ({
    ...entry,
    category: suppressedIn.has(cat)
      ? `${valueLabel(intl, first, cat)} (${suppressedMark})`
      : valueLabel(intl, first, cat),
  }));
  const series = seriesKeys.map((key, i) => ({
    name: key,
    label: second ? valueLabel(intl, second, key) : intl.formatMessage({ id: 'statistics.cases' }),
    color: COLOURS[i % COLOURS.length] ?? 'blue.7',
  }));
  return (
    // The picture for sighted users; the table below carries the same numbers for everyone.
    <Box role="img" aria-labelledby={labelledBy}>
      <BarChart
        h={320}
        data={chartData}
        dataKey="category"
        series={series}
        type={second ? 'stacked' : 'default'}
        withLegend={Boolean(second)}
        withBarValueLabel={!second}
        valueFormatter={(v) => intl.formatNumber(v)}
        barChartProps={{ accessibilityLayer: false }}
        xAxisProps={{ interval: 0, angle: chartData.length > 4 ? -20 : 0, height: 60 }}
      />
    </Box>
  );
}

function DataTable({ data, captionId }: { readonly data: Statistics; readonly captionId: string }) {
  const intl = useIntl();
  const dims = data.groupBy as Dimension[];
  return (
    <Table striped>
      <Table.Caption id={captionId}>
        <FormattedMessage
          id="statistics.caption"
          values={{
            dimensions: dims
              .map((d) => intl.formatMessage({ id: familyMessageId('statistics.dimension', d) }))
              .join(', '),
            threshold: data.threshold,
          }}
        />
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {dims.map((d) => (
            <Table.Th scope="col" key={d}>
              <FormattedMessage id={familyMessageId('statistics.dimension', d)} />
            </Table.Th>
          ))}
          <Table.Th scope="col" ta="right">
            <FormattedMessage id="statistics.cases" />
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.rows.map((row) => {
          const key = dims.map((d) => String(row[d])).join('/');
          const count = countOf(row);
          return (
            <Table.Tr key={key}>
              {dims.map((d, i) =>
                i === 0 ? (
                  <Table.Th scope="row" key={d}>
                    {valueLabel(intl, d, row[d])}
                  </Table.Th>
                ) : (
                  <Table.Td key={d}>{valueLabel(intl, d, row[d])}</Table.Td>
                ),
              )}
              <Table.Td ta="right">
                {row.suppressed || count === null ? (
                  <Badge color="gray" variant="outline" c="dark.7">
                    <FormattedMessage id="statistics.suppressed" />
                  </Badge>
                ) : (
                  <FormattedNumber value={count} />
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Statistics (P8) for coordinators (their country) and supervisors (their organisation):
 * anonymised case counts as a bar chart with the same numbers
 * in a data table, cells under the threshold shown as "suppressed" (never as zero), and the
 * table as CSV.
 */
export function StatisticsPage() {
  const intl = useIntl();
  const [first, setFirst] = useState<Dimension>('phase');
  const [second, setSecond] = useState<Dimension | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const person = isPersonDimension(first);
  // Sex, age band and citizenship are counted by month of opening (ADR 0017): whole months.
  const period = person ? wholeMonths(from, to) : { from, to };
  const request: StatisticsRequest = {
    groupBy: second ? [first, second] : [first],
    ...(period.from ? { from: period.from } : {}),
    ...(period.to ? { to: period.to } : {}),
  };
  const query = useStatistics(request);
  const csv = useMutation({ mutationFn: () => downloadCsv(request) });
  const dimensionLabel = (d: Dimension) =>
    intl.formatMessage({ id: familyMessageId('statistics.dimension', d) });

  return (
    <>
      <PageTitle id="nav.statistics">
        <Button variant="default" loading={csv.isPending} onClick={() => csv.mutate()}>
          <FormattedMessage id="statistics.downloadCsv" />
        </Button>
      </PageTitle>
      {csv.error && <ProblemAlert error={csv.error} />}
      <Group
        mb="lg"
        align="flex-end"
        role="group"
        aria-label={intl.formatMessage({ id: 'statistics.controls' })}
      >
        <NativeSelect
          label={intl.formatMessage({ id: 'statistics.groupBy' })}
          value={first}
          data={DIMENSIONS.map((d) => ({ value: d, label: dimensionLabel(d) }))}
          onChange={(e) => {
            const v = e.currentTarget.value as Dimension;
            setFirst(v);
            // The split must be of the same family (the case's, or her sex, age band, citizenship).
            if (second === v || (second && isPersonDimension(second) !== isPersonDimension(v))) {
              setSecond('');
            }
          }}
        />
        <NativeSelect
          label={intl.formatMessage({ id: 'statistics.splitBy' })}
          value={second}
          data={[
            { value: '', label: intl.formatMessage({ id: 'statistics.noSplit' }) },
            ...DIMENSIONS.filter((d) => d !== first && isPersonDimension(d) === person).map(
              (d) => ({
                value: d,
                label: dimensionLabel(d),
              }),
            ),
          ]}
          onChange={(e) => setSecond(e.currentTarget.value as Dimension | '')}
        />
        <TextInput
          type="date"
          label={intl.formatMessage({ id: 'statistics.from' })}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={intl.formatMessage({ id: 'statistics.to' })}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      {person && query.data && (
        <Text size="sm" mb="md">
          <FormattedMessage
            id="statistics.monthsNote"
            values={{ threshold: query.data.threshold }}
          />
        </Text>
      )}
      <QueryState query={query}>
        {(data) => {
          if (data.withheld) {
            return (
              <Alert
                styles={READABLE_TITLE}
                color="orange"
                title={intl.formatMessage({ id: 'statistics.withheldTitle' })}
              >
                <FormattedMessage id="statistics.withheld" values={{ threshold: data.threshold }} />
              </Alert>
            );
          }
          if (data.rows.length === 0) {
            return (
              <Text>
                <FormattedMessage id="statistics.empty" />
              </Text>
            );
          }
          return (
            <Stack gap="lg">
              <Stack component="section" aria-labelledby="statistics-chart-h" gap="xs">
                <Title order={2} size="h3" id="statistics-chart-h">
                  <FormattedMessage
                    id="statistics.chartTitle"
                    values={{
                      dimensions: (data.groupBy as Dimension[]).map(dimensionLabel).join(' · '),
                    }}
                  />
                </Title>
                <Text size="sm" c="dimmed">
                  <FormattedMessage
                    id="statistics.suppressedNote"
                    values={{ threshold: data.threshold }}
                  />
                </Text>
                <Chart data={data} labelledBy="statistics-chart-h" />
              </Stack>
              <DataTable data={data} captionId="statistics-table-caption" />
            </Stack>
          );
        }}
      </QueryState>
      <IndicatorsSection request={{ ...(from ? { from } : {}), ...(to ? { to } : {}) }} />
    </>
  );
}
