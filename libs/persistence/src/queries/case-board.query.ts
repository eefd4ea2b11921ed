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
      scopeCondition(scope, p),
      `c.status = 'open'`,
      `c.stalled_since IS NOT NULL`,
      ...filterConditions(filters, p),
    ];
    return this.page(where, p, 'c.stalled_since', page);
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
      scopeCondition(scope, p),
      `c.status = 'open'`,
      `c.earliest_due_at < ${p.add(now)}`,
      ...filterConditions(filters, p),
    ];
    return this.page(where, p, 'c.earliest_due_at', page);
  }

  /** R14/R16: open cases on a return or third-country path, the longest open first. */
  returnReadiness(
    scope: ReadScope,
    filters: BoardFilters,
    page: PageRequest,
  ): Promise<Page<BoardCase>> {
    const p = new Params();
    const where = [
      scopeCondition(scope, p),
      `c.status = 'open'`,
      `c.return_readiness <> 'not-applicable'`,
      ...filterConditions(filters, p),
    ];
    return this.page(where, p, 'c.opened_at', page);
  }

  /** The return-readiness board counted per organisation of the scope, zeros included. */
  async returnReadinessCounts(scope: ReadScope): Promise<ReadinessCountRow[]> {
    const p = new Params();
    const orgCondition =
      scope.organisationId !== undefined
        ? `o.id = ${p.add(scope.organisationId)}`
        : `o.country = ${p.add(scope.country)}`;
    return this.ds.query(
      `SELECT o.id AS "organisationId",
              count(c.case_id) FILTER (WHERE c.return_readiness = 'ready')::int AS ready,
              count(c.case_id) FILTER (WHERE c.return_readiness = 'incomplete')::int AS incomplete,
              count(c.case_id)::int AS total
         FROM organisations o
         LEFT JOIN case_summaries c
           ON c.organisation_id = o.id AND c.status = 'open'
          AND c.return_readiness <> 'not-applicable'
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
    const caseFilters = (p: Params): string[] =>
      filterConditions({ phase: filters.phase, pathway: filters.pathway }, p);
    const counts = (p: Params): string => `
      count(c.case_id)::int AS open,
      count(c.case_id) FILTER (WHERE c.stalled_since IS NOT NULL)::int AS stalled,
      count(c.case_id) FILTER (WHERE c.earliest_due_at < ${p.add(now)})::int AS overdue`;

    const t = new Params();
    const [{ n: total }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM users u WHERE ${caseHolders(t)}`,
      t.values,
    );

    const q = new Params();
    const select = counts(q);
    const join = [
      `c.assignee_id = u.id`,
      `c.organisation_id = u.organisation_id`,
      `c.status = 'open'`,
      ...caseFilters(q),
    ].join(' AND ');
    const after = page.afterUserId !== undefined ? [`u.id > ${q.add(page.afterUserId)}`] : [];
    const rows: WorkloadRow[] = await this.ds.query(
      `SELECT u.id AS "userId", u.role, ${select}
         FROM users u
         LEFT JOIN case_summaries c ON ${join}
        WHERE ${caseHolders(q, after)}
        GROUP BY u.id, u.role
        ORDER BY u.id
        LIMIT ${q.add(page.limit + 1)}`,
      q.values,
    );

    const o = new Params();
    const orphanCounts = counts(o);
    const [unassigned] = await this.ds.query(
      `SELECT ${orphanCounts}
         FROM case_summaries c
        WHERE ${[`c.organisation_id = ${o.add(organisationId)}`, `c.status = 'open'`, ...caseFilters(o)].join(' AND ')}
          AND NOT EXISTS (
            SELECT 1 FROM users u
             WHERE u.id = c.assignee_id AND u.organisation_id = c.organisation_id
               AND u.active AND u.role IN ${CASE_HOLDER_ROLES})`,
      o.values,
    );
    const more = rows.length > page.limit;
    const items = more ? rows.slice(0, page.limit) : rows;
    return {
      items,
      total,
      nextAfterUserId: more ? items[items.length - 1]!.userId : undefined,
      unassigned,
    };
  }

  private async page(
    where: string[],
    p: Params,
    sortColumn: string,
    page: PageRequest,
  ): Promise<Page<BoardCase>> {
    const [{ n: total }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM case_summaries c WHERE ${where.join(' AND ')}`,
      p.values,
    );
    // The count above used p's values as they were; the page extends a copy.
    const { items, next } = await keysetCasePage<BoardCase>(
      this.ds,
      CASE_COLUMNS,
      where,
      p.clone(),
      sortColumn,
      page,
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
