import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8, the API of the staff web application:
 * - case references (`SE-7K4Q-2M`): reserved once per case and never reused, so a reference
 *   stays unique across erasures; shown on the summary read model and searchable by prefix;
 * - the case list (GET /cases): hers (caseworker) or her organisation's (supervisor), sorted by
 *   next deadline, nulls last (as `infinity`), then case id, for keyset pagination;
 * - blind indexes for "find before you open": keyed HMACs of normalised values, no plaintext;
 * - the `notes` data category in the audit trail.
 */
export class CaseListReferencesBlindIndex1764370000000 implements MigrationInterface {
  name = 'CaseListReferencesBlindIndex1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_references (
        reference   text        PRIMARY KEY
                    CHECK (reference ~ '^[A-Z]{2}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$'),
        case_id     uuid        NOT NULL UNIQUE,
        reserved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE case_summaries ADD COLUMN reference text`);
    // text_pattern_ops: equality and prefix (LIKE 'SE-7K%') whatever the database collation.
    await q.query(
      `CREATE UNIQUE INDEX case_summaries_reference ON case_summaries (reference text_pattern_ops)`,
    );
    await q.query(`
      CREATE INDEX case_summaries_list_assignee
        ON case_summaries (organisation_id, assignee_id,
                           (coalesce(earliest_due_at, 'infinity'::timestamptz)), case_id)`);
    await q.query(`
      CREATE INDEX case_summaries_list_organisation
        ON case_summaries (organisation_id,
                           (coalesce(earliest_due_at, 'infinity'::timestamptz)), case_id)`);
    await q.query(`
      CREATE TABLE blind_indexes (
        case_id         uuid  NOT NULL,
        organisation_id text  NOT NULL CHECK (organisation_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        kind            text  NOT NULL
                        CHECK (kind IN ('name', 'date-of-birth', 'phone', 'document-number')),
        hmac            bytea NOT NULL CHECK (octet_length(hmac) = 32),
        PRIMARY KEY (case_id, kind, hmac)
      )`);
    await q.query(
      `CREATE INDEX blind_indexes_lookup ON blind_indexes (organisation_id, kind, hmac)`,
    );
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_categories_check`);
    await q.query(`
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_categories_check CHECK (categories <@ ARRAY[
        'identity', 'contact-location', 'health', 'legal', 'immigration', 'return', 'notes',
        'case']::text[])`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_categories_check`);
    await q.query(`
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_categories_check CHECK (categories <@ ARRAY[
        'identity', 'contact-location', 'health', 'legal', 'immigration', 'return',
        'case']::text[])`);
    await q.query(`DROP TABLE blind_indexes`);
    await q.query(`DROP INDEX case_summaries_list_organisation`);
    await q.query(`DROP INDEX case_summaries_list_assignee`);
    await q.query(`DROP INDEX case_summaries_reference`);
    await q.query(`ALTER TABLE case_summaries DROP COLUMN reference`);
    await q.query(`DROP TABLE case_references`);
  }
}
