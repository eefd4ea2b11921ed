import type { DataSource } from 'typeorm';
import { Params, type ReadScope, scopeCondition } from './sql';

/**
 * The raw figures of the indicators a network reports on (issue 10), over the cases of a scope
 * opened in a window: SQL aggregates over the summary read model and the event log, each reading
 * only the event types it needs through the partial index `case_events_indicators` (case_id,
 * type). No personal data is read: only enum facts, ids and dates outside `personal` (P2).
 * Exact counts: the API suppresses small ones before anything leaves (P8).
 */
export interface IndicatorRequest {
  readonly scope: ReadScope;
  /** Cases opened at or after this instant. */
  readonly from?: Date;
  /** Cases opened before this instant. */
  readonly to?: Date;
  /** What "now" is for follow-ups that are due. */
  readonly now: Date;
  /**
   * The follow-up schedule of the scope's country policy (`followUpsAfterReturn`, R17): ISO 8601
   * durations after departure; follow-up n is the n-th. The indicator counts what the policy asks,
   * not a fixed 1/3/6/12 months.
   */
  readonly followUpsAfter: readonly string[];
}

export interface DurationFigures {
  readonly cases: number;
  /** Days; null when no case. */
  readonly median: number | null;
  readonly p90: number | null;
}

export interface ServiceFigures {
  readonly kind: string;
  readonly offered: number;
  readonly provided: number;
}

export interface FollowUpFigures {
  /** 1, 2, …: the n-th follow-up of the policy's schedule. */
  readonly number: number;
  /** When it is due after departure: the policy's ISO 8601 duration (P1M, P3M, P30D…). */
  readonly after: string;
  readonly due: number;
  readonly done: number;
}

export interface CaseloadFigures {
  readonly caseworkers: number;
  readonly openCases: number;
  readonly median: number | null;
  readonly p90: number | null;
  readonly max: number | null;
}

export interface IndicatorFigures {
  readonly referralToIdentification: DurationFigures;
  readonly reflectionPeriods: { readonly ended: number; readonly grantedInFull: number };
  readonly services: readonly ServiceFigures[];
  readonly departures: { readonly total: number; readonly withRiskAssessment: number };
  readonly followUps: readonly FollowUpFigures[];
  readonly caseload: CaseloadFigures;
}

/** The event types the indicators read; the partial index covers exactly these. */
export const INDICATOR_EVENT_TYPES = [
  'IdentificationDecided',
  'ReflectionPeriodEnded',
  'ServiceRequested',
  'ServiceProvided',
  'ReturnExecuted',
  'RiskAssessed',
  'FollowUpRecorded',
  'NeedsAssessed',
] as const;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class IndicatorQueries {
  constructor(private readonly ds: DataSource) {}

  async figures(req: IndicatorRequest): Promise<IndicatorFigures> {
    const [identification, reflection, services, departures, followUps, caseload] =
      await Promise.all([
        this.referralToIdentification(req),
        this.reflectionPeriods(req),
        this.services(req),
        this.departures(req),
        this.followUps(req),
        this.caseload(req.scope),
      ]);
    return {
      referralToIdentification: identification,
      reflectionPeriods: reflection,
      services,
      departures,
      followUps,
      caseload,
    };
  }

  /** The scoped cases of the window, as a CTE; `p` receives its parameters. */
  private scoped(req: IndicatorRequest, p: Params): string {
    const where = [scopeCondition(req.scope, p)];
    if (req.from) where.push(`c.opened_at >= ${p.add(req.from)}`);
    if (req.to) where.push(`c.opened_at < ${p.add(req.to)}`);
    return `scoped AS (SELECT c.case_id, c.opened_at FROM case_summaries c WHERE ${where.join(' AND ')})`;
  }

  /** Days from the case's opening (the referral) to its first identification decision. */
  private async referralToIdentification(req: IndicatorRequest): Promise<DurationFigures> {
    const p = new Params();
    const [r] = await this.ds.query(
      `WITH ${this.scoped(req, p)},
       decided AS (
         SELECT s.case_id,
                extract(epoch FROM min((e.data->>'decidedAt')::timestamptz) - s.opened_at) / 86400 AS days
           FROM scoped s
           JOIN case_events e ON e.case_id = s.case_id AND e.type = 'IdentificationDecided'
          GROUP BY s.case_id, s.opened_at)
       SELECT count(*)::int AS cases,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
         FROM decided`,
      p.values,
    );
    return { cases: Number(r.cases), median: num(r.median), p90: num(r.p90) };
  }

  /** Reflection periods that ended, and those that ran their full length ('elapsed', not R8). */
  private async reflectionPeriods(
    req: IndicatorRequest,
  ): Promise<{ ended: number; grantedInFull: number }> {
    const p = new Params();
    const [r] = await this.ds.query(
      `WITH ${this.scoped(req, p)}
       SELECT count(*)::int AS ended,
              count(*) FILTER (WHERE e.data->>'reason' = 'elapsed')::int AS "grantedInFull"
         FROM scoped s
         JOIN case_events e ON e.case_id = s.case_id AND e.type = 'ReflectionPeriodEnded'`,
      p.values,
    );
    return { ended: Number(r.ended), grantedInFull: Number(r.grantedInFull) };
  }

  /** Per kind of service: services offered (requested) and services provided. */
  private async services(req: IndicatorRequest): Promise<ServiceFigures[]> {
    const p = new Params();
    const rows: Array<{ kind: string; offered: number; provided: number }> = await this.ds.query(
      `WITH ${this.scoped(req, p)}
       SELECT kind,
              count(*) FILTER (WHERE type = 'ServiceRequested')::int AS offered,
              count(*) FILTER (WHERE type = 'ServiceProvided')::int AS provided
         FROM (SELECT DISTINCT e.type, e.data->>'kind' AS kind, e.case_id,
                      e.data->>'serviceId' AS service
                 FROM scoped s
                 JOIN case_events e ON e.case_id = s.case_id
                  AND e.type IN ('ServiceRequested', 'ServiceProvided')) services
        GROUP BY kind ORDER BY kind`,
      p.values,
    );
    return rows.map((r) => ({
      kind: String(r.kind),
      offered: Number(r.offered),
      provided: Number(r.provided),
    }));
  }

  /** Departures (return or third country), and those with a departure risk assessment before. */
  private departuresCte(req: IndicatorRequest, p: Params): string {
    return `${this.scoped(req, p)},
       departures AS (
         SELECT s.case_id, min((e.data->>'departedAt')::timestamptz) AS departed
           FROM scoped s
           JOIN case_events e ON e.case_id = s.case_id AND e.type = 'ReturnExecuted'
          GROUP BY s.case_id)`;
  }

  private async departures(
    req: IndicatorRequest,
  ): Promise<{ total: number; withRiskAssessment: number }> {
    const p = new Params();
    const [r] = await this.ds.query(
      `WITH ${this.departuresCte(req, p)}
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM case_events a
                 WHERE a.case_id = d.case_id AND a.type = 'RiskAssessed'
                   AND a.data->>'scope' = 'departure'
                   AND (a.data->>'assessedAt')::timestamptz <= d.departed))::int AS "withRiskAssessment"
         FROM departures d`,
      p.values,
    );
    return { total: Number(r.total), withRiskAssessment: Number(r.withRiskAssessment) };
  }

  /**
   * Per follow-up of the policy's schedule (R17): departures for which it is due by now, and
   * those where it was recorded. Durations are added as PostgreSQL intervals (calendar months
   * clamp at the month's end, as the domain's addDuration does).
   */
  private async followUps(req: IndicatorRequest): Promise<FollowUpFigures[]> {
    if (req.followUpsAfter.length === 0) return [];
    const p = new Params();
    const now = p.add(req.now);
    const values = req.followUpsAfter
      .map((after, i) => `(${i + 1}, ${p.add(after)}::text)`)
      .join(', ');
    const rows: Array<{ number: number; after: string; due: number; done: number }> =
      await this.ds.query(
        `WITH ${this.departuresCte(req, p)}
         SELECT f.number, f.after,
                count(d.case_id) FILTER (
                  WHERE d.departed + f.after::interval <= ${now})::int AS due,
                count(d.case_id) FILTER (
                  WHERE d.departed + f.after::interval <= ${now}
                    AND EXISTS (SELECT 1 FROM case_events r
                                 WHERE r.case_id = d.case_id AND r.type = 'FollowUpRecorded'
                                   AND r.data->>'number' = f.number::text))::int AS done
           FROM (VALUES ${values}) AS f(number, after)
           LEFT JOIN departures d ON true
          GROUP BY f.number, f.after
          ORDER BY f.number`,
        p.values,
      );
    return rows.map((r) => ({
      number: Number(r.number),
      after: String(r.after),
      due: Number(r.due),
      done: Number(r.done),
    }));
  }

  /**
   * Open cases per active caseworker and supervisor of the scope's organisations, now (the
   * window does not apply: a caseload is today's).
   */
  private async caseload(scope: ReadScope): Promise<CaseloadFigures> {
    const p = new Params();
    const orgs =
      scope.organisationId !== undefined
        ? `u.organisation_id = ${p.add(scope.organisationId)}`
        : `u.organisation_id IN (SELECT o.id FROM organisations o WHERE o.country = ${p.add(scope.country)})`;
    const [r] = await this.ds.query(
      `SELECT count(*)::int AS caseworkers,
              coalesce(sum(open), 0)::int AS "openCases",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY open) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY open) AS p90,
              max(open) AS max
         FROM (SELECT u.id, count(c.case_id) AS open
                 FROM users u
                 LEFT JOIN case_summaries c
                   ON c.assignee_id = u.id AND c.organisation_id = u.organisation_id
                  AND c.status = 'open'
                WHERE u.active AND u.role IN ('caseworker', 'supervisor') AND ${orgs}
                GROUP BY u.id) per_caseworker`,
      p.values,
    );
    return {
      caseworkers: Number(r.caseworkers),
      openCases: Number(r.openCases),
      median: num(r.median),
      p90: num(r.p90),
      max: num(r.max),
    };
  }
}
