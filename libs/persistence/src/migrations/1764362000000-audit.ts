import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (P5): who read or wrote which case's data, when, why, and with what outcome.
 * Append-only and hash-chained: each row's hash covers its fields and the previous row's hash
 * (libs/persistence/src/audit/audit-hash.ts). No personal data: ids, roles, actions, categories.
 *
 * `seq` is assigned by the appender (last + 1 under an advisory lock), not by a sequence: a
 * sequence leaves gaps on rollback, and a gap must mean a deleted row.
 */
export class Audit1764362000000 implements MigrationInterface {
  name = 'Audit1764362000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        seq             bigint      PRIMARY KEY CHECK (seq > 0),
        at              timestamptz NOT NULL,
        actor_id        text        CHECK (actor_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        actor_role      text        CHECK (actor_role IN (
                          'caseworker', 'supervisor', 'coordinator', 'admin', 'auditor', 'system')),
        organisation_id text        CHECK (organisation_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        action          text        NOT NULL CHECK (action ~ '^[a-z][a-z-]*(\\.[a-z][a-z-]*){1,3}$'),
        case_id         uuid,
        categories      text[]      NOT NULL CHECK (categories <@ ARRAY[
                          'identity', 'contact-location', 'health', 'legal', 'immigration',
                          'return', 'case']::text[]),
        purpose         text        CHECK (purpose ~ '^[a-z][a-z0-9-]{0,63}$'),
        outcome         text        NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
        request_id      text        CHECK (request_id ~ '^[A-Za-z0-9_-]{1,128}$'),
        prev_hash       bytea       CHECK (octet_length(prev_hash) = 32),
        hash            bytea       NOT NULL CHECK (octet_length(hash) = 32),
        CONSTRAINT audit_log_genesis CHECK ((seq = 1) = (prev_hash IS NULL))
      )`);
    await q.query(
      `CREATE INDEX audit_log_case ON audit_log (case_id, seq) WHERE case_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_id, seq)`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
    // A new row must extend the chain: the next seq, linked to the current last hash. The hash
    // itself is computed by the appender; verify-audit recomputes every one.
    await q.query(`
      CREATE FUNCTION audit_log_extends_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_seq  bigint;
        last_hash bytea;
      BEGIN
        SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
        IF NEW.seq <> coalesce(last_seq, 0) + 1 OR NEW.prev_hash IS DISTINCT FROM last_hash THEN
          RAISE EXCEPTION 'audit_log: a new entry must extend the chain';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_chain
        BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_extends_chain()`);
    // Append-only, as case_events: the database refuses to change, delete or truncate an entry.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete
        BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate
        BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    await q.query(`DROP FUNCTION audit_log_extends_chain`);
  }
}
