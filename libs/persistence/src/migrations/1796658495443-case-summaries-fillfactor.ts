import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0015: room in case_summaries' pages for the append's UPDATE to stay a heap-only tuple (HOT)
 * update. Every append rewrites its case's row (version, updated_at, …) but rarely an indexed
 * column; a HOT update writes the new row version into the same page and touches none of the
 * table's thirteen indexes. With full pages (fillfactor 100) the new version often has no room
 * there: measured in the shape of `npm run bench:append` at 8 connections, 72–99 % (mostly
 * 80–89 %) of the updates were HOT and each of the others wrote every index; at fillfactor 50,
 * 93–100 %. A row is about 180 bytes: 100,000 cases take ≈ 35 MB instead of ≈ 18 MB.
 *
 * Pages written from now on keep the room; `VACUUM FULL case_summaries` or a read-model rebuild
 * (`npm run rebuild`, which copies the table's storage parameters) rewrites the old ones.
 */
export class CaseSummariesFillfactor1796658495443 implements MigrationInterface {
  name = 'CaseSummariesFillfactor1796658495443';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_summaries SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_summaries RESET (fillfactor)`);
  }
}
