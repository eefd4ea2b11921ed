import type { DataSource } from 'typeorm';
import { type BoardCase, CASE_COLUMNS } from './case-board.query';
import { keysetCasePage, Params } from './sql';

/** Whose cases a list covers: an organisation's, or only those assigned to one of its people. */
export interface CaseListScope {
  readonly organisationId: string;
  readonly assigneeId?: string;
}

export interface CaseListFilters {
  readonly phase?: string;
  readonly status?: 'open' | 'closed';
  /** R21: true, only stalled cases; false, only cases not stalled. */
  readonly stalled?: boolean;
  readonly pathway?: string;
  /** A canonical reference prefix (`SE-7K`) or a whole reference; never a pattern. */
  readonly referencePrefix?: string;
}

/** Where a page of the case list starts: after this due key (`infinity` for none) and case. */
export interface CaseListPosition {
  readonly key: string;
  readonly caseId: string;
}

export interface CaseListPage {
  readonly items: readonly BoardCase[];
  readonly next?: CaseListPosition;
}

/** One obligation-bearing case of the tasks list: its id, reference and the state to judge. */
export interface TaskCandidate {
  readonly caseId: string;
  readonly reference: string | null;
  readonly phase: string;
  readonly earliestDueAt: Date;
}

// The sort key of the list: the next deadline, none last. Must match the migration's indexes.
const DUE_KEY = `coalesce(c.earliest_due_at, 'infinity'::timestamptz)`;

function scopeConditions(scope: CaseListScope, p: Params): string[] {
  return [
    `c.organisation_id = ${p.add(scope.organisationId)}`,
    ...(scope.assigneeId !== undefined ? [`c.assignee_id = ${p.add(scope.assigneeId)}`] : []),
  ];
}

/** A LIKE pattern matching strings that start with `prefix`, its wildcards escaped. */
function startsWith(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * The case list of the staff application (GET /cases) and the candidates of the tasks list
 * (GET /tasks), from the case_summaries read model (no personal data). The scope always comes
 * from the caller's token; filters only narrow it.
 */
export class CaseListQueries {
  constructor(private readonly ds: DataSource) {}

  /** Sorted by next deadline (none last), then case id; keyset-paginated on that pair. */
  async list(
    scope: CaseListScope,
    f: CaseListFilters,
    page: { readonly limit: number; readonly after?: CaseListPosition },
  ): Promise<CaseListPage> {
    const p = new Params();
    const where = scopeConditions(scope, p);
    if (f.phase !== undefined) where.push(`c.phase = ${p.add(f.phase)}`);
    if (f.status !== undefined) where.push(`c.status = ${p.add(f.status)}`);
    if (f.pathway !== undefined) where.push(`c.pathway = ${p.add(f.pathway)}`);
    if (f.stalled !== undefined) {
      where.push(f.stalled ? `c.stalled_since IS NOT NULL` : `c.stalled_since IS NULL`);
    }
    if (f.referencePrefix !== undefined) {
      where.push(`c.reference LIKE ${p.add(startsWith(f.referencePrefix))}`);
    }
    return keysetCasePage<BoardCase>(this.ds, CASE_COLUMNS, where, p, DUE_KEY, page);
  }

  /**
   * Open cases of the scope with an obligation due before `until` (overdue ones included), the
   * earliest first, at most `limit`: only these can hold a task due soon or overdue, because
   * earliest_due_at is the earliest obligation not yet met (R19).
   */
  taskCandidates(scope: CaseListScope, until: Date, limit: number): Promise<TaskCandidate[]> {
    const p = new Params();
    const where = [
      ...scopeConditions(scope, p),
      `c.status = 'open'`,
      `c.earliest_due_at < ${p.add(until)}`,
    ];
    return this.ds.query(
      `SELECT c.case_id AS "caseId", c.reference, c.phase, c.earliest_due_at AS "earliestDueAt"
         FROM case_summaries c
        WHERE ${where.join(' AND ')}
        ORDER BY ${DUE_KEY} ASC, c.case_id ASC
        LIMIT ${p.add(limit)}`,
      p.values,
    );
  }
}
