import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sex, age band and citizenship as statistics dimensions (docs/htcds.md, ADR 0017): de-identified
 * counts, one row per organisation, country, month of opening and combination of the three
 * codes. No case id, reference, staff id or exact date: a row cannot be joined back to a case.
 * Written by the append's transaction (apps/worker/src/case.activities.ts), recomputed by
 * `npm run rebuild`.
 */
export class CaseDimensionCounts1796657470367 implements MigrationInterface {
  name = 'CaseDimensionCounts1796657470367';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_dimension_counts (
        organisation_id text NOT NULL,
        country char(2) NOT NULL,
        opened_month char(7) NOT NULL CHECK (opened_month ~ '^[0-9]{4}-[0-9]{2}$'),
        sex text NOT NULL,
        age_band text NOT NULL,
        citizenship text NOT NULL,
        count int NOT NULL CHECK (count >= 0),
        PRIMARY KEY (organisation_id, country, opened_month, sex, age_band, citizenship)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_dimension_counts`);
  }
}
