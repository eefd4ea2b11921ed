import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R30: partner systems that report facts (police, migration authority, a receiving
 * organisation's own instance, a shelter's check-in system), each with the fact kinds it may
 * report and a hashed bearer secret. R31: the transfer record both organisations keep: the case
 * id and reference, who proposed it to whom, and the answer; no personal data.
 */
export class PartnersAndTransfers1796617185749 implements MigrationInterface {
  name = 'PartnersAndTransfers1796617185749';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners (
        id text PRIMARY KEY,
        kind text NOT NULL,
        country char(2) NOT NULL,
        organisation_id text REFERENCES organisations (id),
        allowed_fact_kinds text[] NOT NULL,
        secret_hash bytea NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text
      )`);
    await q.query(`CREATE INDEX partners_country ON partners (country)`);
    await q.query(`
      CREATE TABLE case_transfers (
        case_id uuid NOT NULL,
        transfer_id text NOT NULL,
        reference text,
        country char(2) NOT NULL,
        from_organisation_id text NOT NULL,
        to_organisation_id text NOT NULL,
        status text NOT NULL,
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        answered_by text,
        answered_at timestamptz,
        PRIMARY KEY (case_id, transfer_id)
      )`);
    await q.query(`CREATE INDEX case_transfers_to ON case_transfers (to_organisation_id, status)`);
    await q.query(`CREATE INDEX case_transfers_from ON case_transfers (from_organisation_id)`);
    // The audit trail records what a partner system did under its own role.
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_role_check`);
    await q.query(`
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_role_check CHECK (actor_role IN (
        'caseworker', 'supervisor', 'coordinator', 'admin', 'auditor', 'system', 'partner'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_role_check`);
    await q.query(`
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_role_check CHECK (actor_role IN (
        'caseworker', 'supervisor', 'coordinator', 'admin', 'auditor', 'system')) NOT VALID`);
    await q.query(`DROP TABLE case_transfers`);
    await q.query(`DROP TABLE partners`);
  }
}
