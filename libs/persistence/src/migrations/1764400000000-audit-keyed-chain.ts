import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail gets a keyed hash and records refusals (issue 9):
 * - `alg`, `key_id`: new entries are HMAC-SHA256 under a key from the secrets
 *   (ARIADNE_AUDIT_KEYS), named by its id so that old entries verify after a rotation; existing
 *   entries keep their plain SHA-256 (`alg = 'sha256'`) and keep verifying.
 * - `case_country`: the country of the case an entry concerns, looked up by the appender, so
 *   that the case's own auditors see an attempt on it (not the caller's other-country auditor).
 * - `subject_ref`: for a sign-in whose login names no account, a keyed hash of the login (never
 *   the login itself); `reason`: a refusal's reason code; `route`: the route pattern refused.
 */
export class AuditKeyedChain1764400000000 implements MigrationInterface {
  name = 'AuditKeyedChain1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log
        ADD COLUMN alg          text NOT NULL DEFAULT 'sha256'
                                CHECK (alg IN ('sha256', 'hmac-sha256')),
        ADD COLUMN key_id       text CHECK (key_id ~ '^[A-Za-z0-9_-]{1,32}$'),
        ADD COLUMN case_country text CHECK (case_country ~ '^[A-Z]{2}$'),
        ADD COLUMN subject_ref  text CHECK (subject_ref ~ '^[0-9a-f]{64}$'),
        ADD COLUMN reason       text CHECK (reason ~ '^[a-z][a-z0-9-]{0,63}$'),
        ADD COLUMN route        text CHECK (route ~ '^[A-Z]{3,7} /[A-Za-z0-9/:._-]{0,200}$'),
        ADD CONSTRAINT audit_log_keyed CHECK ((alg = 'hmac-sha256') = (key_id IS NOT NULL))`);
    // Auditors read by the case's country, or by the actor's organisation's when there is no case.
    await q.query(
      `CREATE INDEX audit_log_case_country ON audit_log (case_country, seq) WHERE case_country IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_log_organisation ON audit_log (organisation_id, seq)`);
    // Login limits shared by every API replica: one row per (kind, hashed key, window).
    await q.query(`
      CREATE TABLE login_attempts (
        kind         text        NOT NULL CHECK (kind IN ('login', 'address')),
        key_hash     bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
        window_start timestamptz NOT NULL,
        failures     integer     NOT NULL DEFAULT 0 CHECK (failures >= 0),
        attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        locked_until timestamptz,
        PRIMARY KEY (kind, key_hash)
      )`);
    await q.query(`CREATE INDEX login_attempts_window ON login_attempts (window_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP INDEX audit_log_organisation`);
    await q.query(`DROP INDEX audit_log_case_country`);
    // Dropping columns fires no row trigger: the append-only triggers do not stand in the way.
    await q.query(`
      ALTER TABLE audit_log
        DROP CONSTRAINT audit_log_keyed,
        DROP COLUMN route, DROP COLUMN reason, DROP COLUMN subject_ref,
        DROP COLUMN case_country, DROP COLUMN key_id, DROP COLUMN alg`);
  }
}
