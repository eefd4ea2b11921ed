/**
 * The follow-up indicator asks the figures for the schedule of the scope's country policy
 * (R17), not a fixed 1/3/6/12 months, and names each follow-up by what the policy says.
 */
import type { AppConfig } from '@ariadne/config';
import { type Actor, type CountryPolicy, DEFAULT_POLICIES, PolicyRegistry } from '@ariadne/domain';
import type {
  CaseStatisticsQueries,
  IndicatorFigures,
  IndicatorRequest,
  ReadScope,
} from '@ariadne/persistence';
import type { DataSource } from 'typeorm';
import type { BoardScopeResolver } from '../access';
import { followUpBreakdown } from './indicators';
import { StatisticsService } from './statistics.service';

const FI: CountryPolicy = {
  ...DEFAULT_POLICIES.FI,
  version: 'follow-up-test',
  followUpsAfterReturn: ['P2W', 'P2M', 'P9M'],
};

function service(scope: ReadScope, orgCountry = 'FI') {
  const asked: IndicatorRequest[] = [];
  const svc = new StatisticsService(
    { resolve: async () => scope } as unknown as BoardScopeResolver,
    {} as CaseStatisticsQueries,
    { ARIADNE_STATS_MIN_CELL: 5 } as AppConfig,
    { manager: {} } as unknown as DataSource,
    new PolicyRegistry([FI]),
  );
  Object.assign(svc, {
    indicatorQueries: {
      figures: async (req: IndicatorRequest): Promise<IndicatorFigures> => {
        asked.push(req);
        return {
          referralToIdentification: { cases: 0, median: null, p90: null },
          reflectionPeriods: { ended: 0, grantedInFull: 0 },
          services: [],
          departures: { total: 10, withRiskAssessment: 10 },
          followUps: req.followUpsAfter.map((after, i) => ({
            number: i + 1,
            after,
            due: 10,
            done: 5,
          })),
          caseload: { caseworkers: 0, openCases: 0, median: null, p90: null, max: null },
        };
      },
    },
    identity: {
      findOrganisationById: async (id: string) =>
        id === 'fi-ngo-1' ? { id, country: orgCountry } : null,
    },
  });
  return { svc, asked };
}

const coordinator: Actor = { userId: 'u', organisationId: 'fi-hq', role: 'coordinator' };

describe('follow-ups per the country policy (R17, issue 10)', () => {
  it('a coordinator’s country: the figures are asked for its policy’s schedule, named by it', async () => {
    const { svc, asked } = service({ country: 'FI' });
    const result = await svc.indicators(coordinator, {}, new Date('2026-06-30T00:00:00Z'));
    expect(asked.map((r) => r.followUpsAfter)).toEqual([['P2W', 'P2M', 'P9M']]);
    const followUps = result.rows.filter((r) => r.indicator === 'follow-ups-done');
    expect([...new Set(followUps.map((r) => r.breakdown))]).toEqual([
      'P2W',
      '2-months',
      '9-months',
    ]);
  });

  it('a supervisor’s organisation: the schedule of its country; another country’s differs', async () => {
    const fi = service({ organisationId: 'fi-ngo-1' });
    await fi.svc.indicators(coordinator, {});
    expect(fi.asked[0]?.followUpsAfter).toEqual(['P2W', 'P2M', 'P9M']);
    const se = service({ organisationId: 'fi-ngo-1' }, 'SE');
    await se.svc.indicators(coordinator, {});
    expect(se.asked[0]?.followUpsAfter).toEqual(DEFAULT_POLICIES.SE.followUpsAfterReturn);
    const unknown = service({ organisationId: 'nowhere' });
    await unknown.svc.indicators(coordinator, {});
    expect(unknown.asked[0]?.followUpsAfter).toEqual([]);
  });

  it('names follow-ups as the network reports them', () => {
    expect(followUpBreakdown('P1M')).toBe('1-months');
    expect(followUpBreakdown('P12M')).toBe('12-months');
    expect(followUpBreakdown('P1Y')).toBe('12-months');
    expect(followUpBreakdown('P30D')).toBe('P30D');
    expect(followUpBreakdown('P1Y6M')).toBe('P1Y6M');
  });
});
