import type { DataSource } from 'typeorm';
import type { CaseSummaryEntity } from '../entities/case-summary.entity';
import {
  type KeysetPosition,
  keysetCasePage,
  type Page,
  Params,
  type ReadScope,
  scopeCondition,
} from './sql';

/** A case as the boards show it: the summary read model, which holds no personal data. */
export type BoardCase = Omit<CaseSummaryEntity, 'updatedAt'>;

/** Filters of the case boards; each narrows the list, none widens the scope. */
export interface BoardFilters {
  readonly phase?: string;
  readonly pathway?: string;
  readonly assigneeId?: string;
  readonly organisationId?: string;
  /** Return-readiness board only. */
  readonly readiness?: 'ready' | 'incomplete';
}

export interface PageRequest {
  readonly limit: number;
  readonly after?: KeysetPosition;
  /** The total the first page counted (carried by the cursor): not counted again when given. */
  readonly total?: number;
}

export interface WorkloadRow {
  readonly userId: string;
  readonly role: string;
  readonly open: number;
  readonly stalled: number;
  readonly overdue: number;
}

export interface WorkloadCounts {
  readonly open: number;
  readonly stalled: number;
  readonly overdue: number;
}

export interface WorkloadPage {
  readonly items: readonly WorkloadRow[];
  readonly total: number;
  /** The last user id of this page, when there is a next one. */
  readonly nextAfterUserId?: string;
  /** R22: open cases whose assignee is not an active caseworker or supervisor of the organisation. */
  readonly unassigned: WorkloadCounts;
}

export interface ReadinessCountRow {
  readonly organisationId: string;
  readonly ready: number;
  readonly incomplete: number;
  readonly total: number;
}

export const CASE_COLUMNS = `
  c.case_id AS "caseId", c.reference, c.version, c.status, c.phase, c.pathway,
  c.stalled_since AS "stalledSince", c.return_readiness AS "returnReadiness",
  c.return_checklist AS "returnChecklist", c.earliest_due_at AS "earliestDueAt",
  c.country, c.organisation_id AS "organisationId", c.assignee_id AS "assigneeId",
  c.referral_source AS "referralSource", c.policy_version AS "policyVersion",
  c.opened_at AS "openedAt", c.identification_outcome AS "identificationOutcome",
  c.reflection_started_at AS "reflectionStartedAt", c.reflection_ends_at AS "reflectionEndsAt",
  c.reflection_ended_at AS "reflectionEndedAt", c.last_progress_at AS "lastProgressAt",
  c.next_due_at AS "nextDueAt"`;

/** Who carries cases (R22): the roles a case may be assigned to. */
const CASE_HOLDER_ROLES = `('caseworker', 'supervisor')`;

/**
 * Reads for the supervisor and coordinator boards (R19–R22, R14) from the case_summaries read
 * model. Every method takes the caller's scope first; the API decides it from the token.
 */
export class CaseBoardQueries {
  constructor(private readonly ds: DataSource) {}

  /** R21: open cases flagged stalled, the longest stalled first. */
  stalled(scope: ReadScope, filters: BoardFilters, page: PageRequest): Promise<Page<BoardCase>> {
    const p = new Params();
    const where = [
      `c.status = 'open'`,
      `c.stalled_since IS NOT NULL`,
      ...filterConditions(filters, p),
    ];
    return this.page(scope, where, p, 'c.stalled_since', page);
  }

  /** R19/R20: open cases with an obligation past its due date at `now`, the most overdue first. */
  overdue(
    scope: ReadScope,
    now: Date,
    filters: BoardFilters,
    page: PageRequest,
  ): Promise<Page<BoardCase>> {
    const p = new Params();
    const where = [
      `c.status = 'open'`,
      `c.earliest_due_at < ${p.add(now)}`,
      ...filterConditions(filters, p),
    ];
    return this.page(scope, where, p, 'c.earliest_due_at', page);
  }

  /** R14/R16: open cases on a return or third-country path, the longest open first. */
  returnReadiness(
    scope: ReadScope,
    filters: BoardFilters,
    page: PageRequest,
  ): Promise<Page<BoardCase>> {
    const p = new Params();
    const where = [
      `c.status = 'open'`,
      `c.return_readiness <> 'not-applicable'`,
      ...filterConditions(filters, p),
    ];
    // The total without a pathway filter is a sum of the kept counts (case_readiness_counts).
    const counted =
      filters.pathway === undefined &&
      filters.phase === undefined &&
      filters.assigneeId === undefined
        ? () => this.readinessTotal(scope, filters)
        : undefined;
    return this.page(scope, where, p, 'c.opened_at', page, counted);
  }

  private async readinessTotal(scope: ReadScope, filters: BoardFilters): Promise<number> {
    const p = new Params();
    const where = [scopeCondition(scope, p, 'k')];
    if (filters.organisationId !== undefined)
      where.push(`k.organisation_id = ${p.add(filters.organisationId)}`);
    if (filters.readiness !== undefined)
      where.push(`k.return_readiness = ${p.add(filters.readiness)}`);
    const [{ n }] = await this.ds.query(
      `SELECT coalesce(sum(k.open), 0)::int AS n FROM case_readiness_counts k
        WHERE ${where.join(' AND ')}`,
      p.values,
    );
    return n as number;
  }

  /** The return-readiness board counted per organisation of the scope, zeros included. */
  async returnReadinessCounts(scope: ReadScope): Promise<ReadinessCountRow[]> {
    const p = new Params();
    const orgCondition =
      scope.organisationId !== undefined
        ? `o.id = ${p.add(scope.organisationId)}`
        : `o.country = ${p.add(scope.country)}`;
    // The counts are kept by case_summaries' trigger (case_readiness_counts): two rows per
    // organisation at most, instead of every open case on a departure path.
    return this.ds.query(
      `SELECT o.id AS "organisationId",
              coalesce(sum(k.open) FILTER (WHERE k.return_readiness = 'ready'), 0)::int AS ready,
              coalesce(sum(k.open) FILTER (WHERE k.return_readiness = 'incomplete'), 0)::int AS incomplete,
              coalesce(sum(k.open), 0)::int AS total
         FROM organisations o
         LEFT JOIN case_readiness_counts k ON k.organisation_id = o.id
        WHERE ${orgCondition}
        GROUP BY o.id
        ORDER BY o.id`,
      p.values,
    );
  }

  /**
   * R22: per active caseworker and supervisor of the organisation (with or without cases), the
   * open cases assigned, and how many of them are stalled and overdue at `now`. Paginated by
   * user id.
   */
  async workload(
    organisationId: string,
    now: Date,
    filters: Pick<BoardFilters, 'phase' | 'pathway' | 'assigneeId'>,
    page: { readonly limit: number; readonly afterUserId?: string },
  ): Promise<WorkloadPage> {
    // Each statement gets its own parameters: PostgreSQL refuses parameters a statement leaves unused.
    const caseHolders = (p: Params, extra: string[] = []): string =>
      [
        `u.organisation_id = ${p.add(organisationId)}`,
        `u.active`,
        `u.role IN ${CASE_HOLDER_ROLES}`,
        ...(filters.assigneeId !== undefined ? [`u.id = ${p.add(filters.assigneeId)}`] : []),
        ...extra,
      ].join(' AND ');
    // Open and stalled come from the kept counts (case_holder_counts: a row per assignee, phase
    // and pathway); overdue depends on `now`, so it is counted from the index of each holder's
    // open cases by due date (case_summaries_board_holder_due), reading her overdue cases only.
    const kept = (p: Params, assignee: string): string =>
      [
        `h.organisation_id = ${p.add(organisationId)}`,
        `h.assignee_id = ${assignee}`,
        ...(filters.phase !== undefined ? [`h.phase = ${p.add(filters.phase)}`] : []),
        ...(filters.pathway !== undefined ? [`h.pathway = ${p.add(filters.pathway)}`] : []),
      ].join(' AND ');
    const overdue = (p: Params, assignee: string): string =>
      [
        `c.organisation_id = ${p.add(organisationId)}`,
        `c.assignee_id = ${assignee}`,
        `c.status = 'open'`,
        `c.earliest_due_at IS NOT NULL`,
        `c.earliest_due_at < ${p.add(now)}`,
        ...filterConditions({ phase: filters.phase, pathway: filters.pathway }, p),
      ].join(' AND ');

    const t = new Params();
    const [{ n: total }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM users u WHERE ${caseHolders(t)}`,
      t.values,
    );

    const q = new Params();
    const after = page.afterUserId !== undefined ? [`u.id > ${q.add(page.afterUserId)}`] : [];
    const holders = caseHolders(q, after);
    const limit = q.add(page.limit + 1);
    const rows: WorkloadRow[] = await this.ds.query(
      `SELECT u.id AS "userId", u.role, k.open, k.stalled, d.overdue
         FROM (SELECT u.id, u.role FROM users u WHERE ${holders} ORDER BY u.id LIMIT ${limit}) u
         CROSS JOIN LATERAL (
           SELECT coalesce(sum(h.open), 0)::int AS open, coalesce(sum(h.stalled), 0)::int AS stalled
             FROM case_holder_counts h WHERE ${kept(q, 'u.id')}) k
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS overdue FROM case_summaries c WHERE ${overdue(q, 'u.id')}) d
        ORDER BY u.id`,
      q.values,
    );

    // R22: open cases whose assignee is not an active case holder here (she left, or changed
    // role): the assignees come from the kept counts, few rows per assignee.
    const o = new Params();
    const [unassigned]: WorkloadCounts[] = await this.ds.query(
      `WITH orphans AS (
         SELECT h.assignee_id, sum(h.open) AS open, sum(h.stalled) AS stalled
           FROM case_holder_counts h
          WHERE ${kept(o, 'h.assignee_id')}
            AND h.open > 0
            AND NOT EXISTS (
              SELECT 1 FROM users u
               WHERE u.id = h.assignee_id AND u.organisation_id = h.organisation_id
                 AND u.active AND u.role IN ${CASE_HOLDER_ROLES})
          GROUP BY h.assignee_id)
       SELECT coalesce(sum(x.open), 0)::int AS open, coalesce(sum(x.stalled), 0)::int AS stalled,
              coalesce(sum(d.overdue), 0)::int AS overdue
         FROM orphans x
         CROSS JOIN LATERAL (
           SELECT count(*) AS overdue FROM case_summaries c WHERE ${overdue(o, 'x.assignee_id')}) d`,
      o.values,
    );
    const more = rows.length > page.limit;
    const items = more ? rows.slice(0, page.limit) : rows;
    return {
      items,
      total,
      nextAfterUserId: more ? items[items.length - 1]!.userId : undefined,
      unassigned: unassigned!,
    };
  }

  private async page(
    scope: ReadScope,
    where: string[],
    p: Params,
    sortColumn: string,
    page: PageRequest,
    counted?: () => Promise<number>,
  ): Promise<Page<BoardCase>> {
    // The total is counted for the first page only; a cursor carries it to the next pages.
    let total = page.total;
    if (total === undefined) {
      if (counted) {
        total = await counted();
      } else {
        const t = p.clone();
        const [{ n }] = await this.ds.query(
          `SELECT count(*)::int AS n FROM case_summaries c
            WHERE ${[scopeCondition(scope, t), ...where].join(' AND ')}`,
          t.values,
        );
        total = n as number;
      }
    }
    const q = p.clone();
    const { items, next } =
      scope.organisationId !== undefined
        ? await keysetCasePage<BoardCase>(
            this.ds,
            CASE_COLUMNS,
            [scopeCondition(scope, q), ...where],
            q,
            sortColumn,
            page,
          )
        : await keysetCasePage<BoardCase>(
            this.ds,
            CASE_COLUMNS,
            where,
            q,
            sortColumn,
            page,
            scope.country,
          );
    return { items, total, next };
  }
}

function filterConditions(f: BoardFilters, p: Params): string[] {
  const out: string[] = [];
  if (f.phase !== undefined) out.push(`c.phase = ${p.add(f.phase)}`);
  if (f.pathway !== undefined) out.push(`c.pathway = ${p.add(f.pathway)}`);
  if (f.assigneeId !== undefined) out.push(`c.assignee_id = ${p.add(f.assigneeId)}`);
  if (f.organisationId !== undefined) out.push(`c.organisation_id = ${p.add(f.organisationId)}`);
  if (f.readiness !== undefined) out.push(`c.return_readiness = ${p.add(f.readiness)}`);
  return out;
}
