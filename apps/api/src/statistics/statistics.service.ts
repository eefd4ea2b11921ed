import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, POLICIES } from '@ariadne/config';
import type { Actor, PolicyCountry, PolicyRegistry } from '@ariadne/domain';
import type { DataSource } from 'typeorm';
import {
  CaseStatisticsQueries,
  DATA_SOURCE,
  IdentityRepository,
  IndicatorQueries,
  PERSON_DIMENSION_NAMES,
  type PersonDimension,
  PersonDimensionQueries,
  type ReadScope,
  type StatisticsDimension,
} from '@ariadne/persistence';
import { problem } from '../common/problem';
import { BoardScopeResolver } from '../access';
import { toCsv } from './csv';
import { publishIndicators } from './indicators';
import type {
  IndicatorsDto,
  IndicatorsQueryDto,
  StatisticsDto,
  StatisticsQueryDto,
} from './statistics.dto';
import { type CountCell, suppressSmallCells } from './suppression';

const DAY_MS = 86_400_000;

/** P8: anonymised case counts, small cells suppressed (docs/boards.md). */
@Injectable()
export class StatisticsService {
  private readonly indicatorQueries: IndicatorQueries;
  private readonly identity: IdentityRepository;
  private readonly persons: PersonDimensionQueries;

  constructor(
    private readonly scopes: BoardScopeResolver,
    private readonly statistics: CaseStatisticsQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
  ) {
    this.indicatorQueries = new IndicatorQueries(ds);
    this.identity = new IdentityRepository(ds.manager);
    this.persons = new PersonDimensionQueries(ds);
  }

  async cases(actor: Actor, q: StatisticsQueryDto): Promise<StatisticsDto> {
    const { from, toDay } = window(q);
    const person = personDimensions(q.groupBy);
    const scope = await this.scopes.resolve('statistics', actor);
    const threshold = this.config.ARIADNE_STATS_MIN_CELL;
    type Dimension = StatisticsDimension | PersonDimension;
    const cells: readonly CountCell<Dimension>[] = person
      ? await this.persons.count({
          scope,
          groupBy: person,
          ...monthWindow(q),
          // ADR 0017 (d): a citizenship of fewer than k cases in the whole country is 'other'.
          minCitizenship: threshold,
        })
      : await this.statistics.countCases({
          scope,
          groupBy: q.groupBy as StatisticsDimension[],
          from,
          // `to` is a whole day, included.
          to: toDay ? new Date(toDay.getTime() + DAY_MS) : undefined,
        });
    const published = suppressSmallCells(cells, q.groupBy, threshold);
    return {
      threshold,
      groupBy: [...q.groupBy],
      from: q.from ?? null,
      to: q.to ?? null,
      withheld: published.withheld,
      rows: published.cells.map((c) => ({
        ...Object.fromEntries(q.groupBy.map((d) => [d, c.dims[d] ?? null])),
        count: c.count,
        suppressed: c.suppressed,
      })),
    };
  }

  toCsv(result: StatisticsDto): string {
    return toCsv([...result.groupBy, 'count', 'suppressed'], result.rows);
  }

  /**
   * The network's indicators over the cases of the actor's scope opened in the window: SQL
   * aggregates (IndicatorQueries), then small cells suppressed (publishIndicators, P8).
   */
  async indicators(actor: Actor, q: IndicatorsQueryDto, now = new Date()): Promise<IndicatorsDto> {
    const { from, toDay } = window(q);
    const scope = await this.scopes.resolve('statistics', actor);
    const threshold = this.config.ARIADNE_STATS_MIN_CELL;
    const figures = await this.indicatorQueries.figures({
      scope,
      from,
      to: toDay ? new Date(toDay.getTime() + DAY_MS) : undefined,
      now,
      followUpsAfter: await this.followUpSchedule(scope),
    });
    return {
      threshold,
      from: q.from ?? null,
      to: q.to ?? null,
      at: now.toISOString(),
      rows: publishIndicators(figures, threshold),
    };
  }

  /**
   * R17: the follow-ups the scope's country policy asks for (a supervisor's scope is her
   * organisation: its country's). A country without a policy has no follow-ups to count.
   */
  private async followUpSchedule(scope: ReadScope): Promise<readonly string[]> {
    const country =
      scope.country ?? (await this.identity.findOrganisationById(scope.organisationId))?.country;
    if (!country) return [];
    return this.policies.get(country.trim() as PolicyCountry)?.followUpsAfterReturn ?? [];
  }

  indicatorsCsv(result: IndicatorsDto): string {
    return toCsv(
      ['indicator', 'breakdown', 'measure', 'value', 'suppressed'],
      result.rows.map((r) => ({ ...r })),
    );
  }
}

const invalid = (field: string, message: string): Error =>
  problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
    detail: `${field}: ${message}`,
    errors: [{ field, message }],
  });

/**
 * ADR 0017: sex, age band and citizenship, when grouped by, only with each other (their counts
 * hold no case to join with the summary's dimensions); undefined for the summary's dimensions.
 */
function personDimensions(
  groupBy: readonly (StatisticsDimension | PersonDimension)[],
): PersonDimension[] | undefined {
  const isPerson = (d: string): d is PersonDimension =>
    (PERSON_DIMENSION_NAMES as readonly string[]).includes(d);
  const person = groupBy.filter(isPerson);
  if (person.length === 0) return undefined;
  if (person.length < groupBy.length) {
    throw invalid('groupBy', `${PERSON_DIMENSION_NAMES.join(', ')} combine only with each other`);
  }
  return person;
}

/** Their counts are kept by month of opening: the window must be whole months. */
function monthWindow(q: { from?: string; to?: string }): { fromMonth?: string; toMonth?: string } {
  if (q.from && !q.from.endsWith('-01')) {
    throw invalid('from', 'must be the first day of a month for sex, ageBand and citizenship');
  }
  if (q.to) {
    const next = new Date(`${q.to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (next.getUTCDate() !== 1) {
      throw invalid('to', 'must be the last day of a month for sex, ageBand and citizenship');
    }
  }
  return {
    ...(q.from && { fromMonth: q.from.slice(0, 7) }),
    ...(q.to && { toMonth: q.to.slice(0, 7) }),
  };
}

/** The window of days asked for; 400 when it ends before it starts. */
function window(q: { from?: string; to?: string }): { from?: Date; toDay?: Date } {
  const from = q.from ? new Date(`${q.from}T00:00:00.000Z`) : undefined;
  const toDay = q.to ? new Date(`${q.to}T00:00:00.000Z`) : undefined;
  if (from && toDay && toDay < from) {
    throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
      detail: 'to: must not be before from',
      errors: [{ field: 'to', message: 'must not be before from' }],
    });
  }
  return { from, toDay };
}
