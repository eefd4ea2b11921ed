import type { DataSource } from 'typeorm';

/**
 * Case references (`SE-7K4Q-2M`), reserved in `case_references` before the case opens: one per
 * case, unique, never deleted and so never reused, not even after her data is erased (a
 * reference carries no personal data).
 */
export class CaseReferenceRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Reserves `candidate` for the case, unless the case already has one (a retried open: same
   * derived case id, same reference). Answers the case's reference, or undefined when the
   * candidate is taken by another case (the caller draws another).
   */
  async reserve(caseId: string, candidate: string): Promise<string | undefined> {
    // No conflict target: both the reference and the case id are unique, either may clash.
    const inserted: Array<{ reference: string }> = await this.ds.query(
      `INSERT INTO case_references (reference, case_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING reference`,
      [candidate, caseId],
    );
    if (inserted[0]) return inserted[0].reference;
    return this.find(caseId);
  }

  async find(caseId: string): Promise<string | undefined> {
    const rows: Array<{ reference: string }> = await this.ds.query(
      `SELECT reference FROM case_references WHERE case_id = $1`,
      [caseId],
    );
    return rows[0]?.reference;
  }
}
