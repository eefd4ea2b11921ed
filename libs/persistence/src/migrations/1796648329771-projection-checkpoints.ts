import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, ADR 0016: read models rebuilt from the log. Each event row records the id of the
 * transaction that wrote it (`tx_id`, xid8), so that a projector reads only what no running
 * transaction can still add before: rows whose tx_id is below the oldest running transaction
 * (`pg_snapshot_xmin(pg_current_snapshot())`), in (tx_id, position) order, and keeps that pair
 * as its checkpoint. A position alone would skip an append that commits after a later one.
 *
 * Rows written before this migration read tx_id 1: all of them committed long ago. The constant
 * default is stored in the catalogue (no table rewrite); new rows then take the writer's id.
 */
export class ProjectionCheckpoints1796648329771 implements MigrationInterface {
  name = 'ProjectionCheckpoints1796648329771';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events ADD COLUMN tx_id xid8 NOT NULL DEFAULT '1'::xid8`);
    await q.query(`ALTER TABLE case_events ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX case_events_tx_position ON case_events (tx_id, position)`);
    await q.query(`
      CREATE TABLE projection_checkpoints (
        projection text        PRIMARY KEY,
        tx_id      xid8        NOT NULL,
        position   bigint      NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_checkpoints`);
    await q.query(`DROP INDEX case_events_tx_position`);
    await q.query(`ALTER TABLE case_events DROP COLUMN tx_id`);
  }
}
