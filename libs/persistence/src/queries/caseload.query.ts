import type { DataSource } from 'typeorm';

/**
 * One case of an organisation's caseload as its supervisor exports it: the summary read model
 * (no personal data of hers: reference, phase, status, dates) and the assignee's display name
 * (a staff member's, shown to her own supervisor).
 */
export interface CaseloadRow {
  readonly reference: string | null;
  readonly status: string;
  readonly phase: string;
  readonly pathway: string;
  readonly assignee: string | null;
  readonly openedAt: string;
  readonly nextDueAt: string | null;
  readonly earliestDueAt: string | null;
  readonly reflectionEndsAt: string | null;
  readonly stalledSince: string | null;
}

export class CaseloadQueries {
  constructor(private readonly ds: DataSource) {}

  /** Every case of the organisation, open ones first, the oldest first (index board_return). */
  async caseload(organisationId: string): Promise<CaseloadRow[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT c.reference, c.status, c.phase, c.pathway, u.display_name AS assignee,
              c.opened_at AS "openedAt", c.next_due_at AS "nextDueAt",
              c.earliest_due_at AS "earliestDueAt", c.reflection_ends_at AS "reflectionEndsAt",
              c.stalled_since AS "stalledSince"
         FROM case_summaries c
         LEFT JOIN users u ON u.id = c.assignee_id
        WHERE c.organisation_id = $1
        ORDER BY (c.status = 'open') DESC, c.opened_at, c.case_id`,
      [organisationId],
    );
    const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : null);
    return rows.map((r) => ({
      reference: (r['reference'] as string | null) ?? null,
      status: String(r['status']),
      phase: String(r['phase']),
      pathway: String(r['pathway']),
      assignee: (r['assignee'] as string | null) ?? null,
      openedAt: iso(r['openedAt']) ?? '',
      nextDueAt: iso(r['nextDueAt']),
      earliestDueAt: iso(r['earliestDueAt']),
      reflectionEndsAt: iso(r['reflectionEndsAt']),
      stalledSince: iso(r['stalledSince']),
    }));
  }
}
