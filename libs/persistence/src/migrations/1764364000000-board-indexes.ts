import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the supervisor and coordinator boards and the statistics (docs/boards.md): each
 * list reads the open cases of one organisation in its sort order (keyset pagination), and the
 * statistics count one organisation's cases over a window of opening dates.
 */
export class BoardIndexes1764364000000 implements MigrationInterface {
  name = 'BoardIndexes1764364000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX case_summaries_board_stalled
        ON case_summaries (organisation_id, stalled_since, case_id)
        WHERE status = 'open' AND stalled_since IS NOT NULL`);
    await q.query(`
      CREATE INDEX case_summaries_board_overdue
        ON case_summaries (organisation_id, earliest_due_at, case_id)
        WHERE status = 'open' AND earliest_due_at IS NOT NULL`);
    await q.query(`
      CREATE INDEX case_summaries_board_return
        ON case_summaries (organisation_id, opened_at, case_id)
        WHERE status = 'open' AND return_readiness <> 'not-applicable'`);
    await q.query(`
      CREATE INDEX case_summaries_board_workload
        ON case_summaries (organisation_id, assignee_id)
        WHERE status = 'open'`);
    await q.query(
      `CREATE INDEX case_summaries_opened ON case_summaries (organisation_id, opened_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_summaries_opened`);
    await q.query(`DROP INDEX case_summaries_board_workload`);
    await q.query(`DROP INDEX case_summaries_board_return`);
    await q.query(`DROP INDEX case_summaries_board_overdue`);
    await q.query(`DROP INDEX case_summaries_board_stalled`);
  }
}
