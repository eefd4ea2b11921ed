import type { DataSource } from 'typeorm';

/** What a blind index entry stands for (normalised per kind before it is keyed, P2). */
export const BLIND_INDEX_KINDS = ['name', 'date-of-birth', 'phone', 'document-number'] as const;
export type BlindIndexKind = (typeof BLIND_INDEX_KINDS)[number];

export interface BlindIndexEntry {
  readonly kind: BlindIndexKind;
  /** HMAC-SHA256 under the organisation's blind-index key: 32 bytes, never the value. */
  readonly hmac: Buffer;
}

export interface BlindIndexMatch {
  readonly caseId: string;
  readonly reference: string | null;
  readonly phase: string;
}

/**
 * Blind indexes for "find before you open": equality on keyed hashes only. No plaintext column,
 * no LIKE: a value is found only by someone who can compute its HMAC with the organisation's key.
 */
export class BlindIndexRepository {
  constructor(private readonly ds: DataSource) {}

  async add(
    caseId: string,
    organisationId: string,
    entries: readonly BlindIndexEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const values: unknown[] = [];
    const rows = entries.map((e) => {
      values.push(caseId, organisationId, e.kind, e.hmac);
      const n = values.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await this.ds.query(
      `INSERT INTO blind_indexes (case_id, organisation_id, kind, hmac) VALUES ${rows.join(', ')}
       ON CONFLICT DO NOTHING`,
      values,
    );
  }

  /** P7: her index entries go with her data. */
  async deleteCase(caseId: string): Promise<void> {
    await this.ds.query(`DELETE FROM blind_indexes WHERE case_id = $1`, [caseId]);
  }

  /**
   * The organisation's cases with an entry equal to any of `entries`, most matching kinds
   * first, at most `limit`.
   */
  find(
    organisationId: string,
    entries: readonly BlindIndexEntry[],
    limit: number,
  ): Promise<BlindIndexMatch[]> {
    if (entries.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT s.case_id AS "caseId", s.reference, s.phase
         FROM (SELECT b.case_id, count(DISTINCT b.kind) AS kinds
                 FROM blind_indexes b
                 JOIN unnest($2::text[], $3::bytea[]) AS q(kind, hmac)
                   ON b.kind = q.kind AND b.hmac = q.hmac
                WHERE b.organisation_id = $1
                GROUP BY b.case_id) m
         JOIN case_summaries s ON s.case_id = m.case_id AND s.organisation_id = $1
        ORDER BY m.kinds DESC, s.case_id
        LIMIT $4`,
      [organisationId, entries.map((e) => e.kind), entries.map((e) => e.hmac), limit],
    );
  }
}
