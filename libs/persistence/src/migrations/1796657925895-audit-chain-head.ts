import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, docs/adr/0013: the audit chain's head in one round trip. `audit_chain_head` takes the
 * trail's transaction-scoped advisory lock, then (a VOLATILE function takes a new snapshot for
 * each statement: the read sees every entry committed before the lock was granted) answers the
 * newest entry's seq and hash, the time of the next entry (the database's clock to the
 * millisecond, never before the head's) and the countries of the given cases. What AuditTrail
 * did in three statements (lock, head, countries); the hash is still computed by the caller,
 * which holds the key. SECURITY INVOKER: the caller's rights, as before.
 */
export class AuditChainHead1796657925895 implements MigrationInterface {
  name = 'AuditChainHead1796657925895';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_chain_head(
        p_lock     bigint,
        p_case_ids uuid[],
        OUT head_seq  bigint,
        OUT head_hash bytea,
        OUT next_at   timestamptz,
        OUT countries jsonb
      )
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock);
        SELECT h.seq, h.hash, GREATEST(date_trunc('milliseconds', clock_timestamp()), h.at)
          INTO head_seq, head_hash, next_at
          FROM (SELECT 1) AS one
          LEFT JOIN LATERAL (SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1) AS h
            ON true;
        IF cardinality(p_case_ids) > 0 THEN
          SELECT jsonb_object_agg(case_id, trim(country)) INTO countries
            FROM case_summaries WHERE case_id = ANY(p_case_ids);
        END IF;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_chain_head(bigint, uuid[])`);
  }
}
