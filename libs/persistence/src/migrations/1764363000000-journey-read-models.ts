import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models for the whole journey: the summary's new facts and the notification inboxes. */
export class JourneyReadModels1764363000000 implements MigrationInterface {
  name = 'JourneyReadModels1764363000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_summaries
        ADD COLUMN status           text        NOT NULL DEFAULT 'open',
        ADD COLUMN pathway          text        NOT NULL DEFAULT 'undecided',
        ADD COLUMN stalled_since    timestamptz,
        ADD COLUMN return_readiness text        NOT NULL DEFAULT 'not-applicable',
        ADD COLUMN return_checklist jsonb,
        ADD COLUMN earliest_due_at  timestamptz`);
    await q.query(
      `CREATE INDEX case_summaries_stalled ON case_summaries (organisation_id) WHERE stalled_since IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX case_summaries_earliest_due ON case_summaries (organisation_id, earliest_due_at)`,
    );
    // R20: reminders go to the responsible caseworker, escalations and stall flags to the
    // supervisors of the case's organisation. One row per event; no personal data.
    await q.query(`
      CREATE TABLE notifications (
        id                bigserial   PRIMARY KEY,
        event_id          uuid        NOT NULL UNIQUE,
        case_id           uuid        NOT NULL,
        organisation_id   text        NOT NULL,
        recipient_user_id text,
        recipient_role    text,
        kind              text        NOT NULL,
        deadline          text,
        due_at            timestamptz,
        created_at        timestamptz NOT NULL,
        read_at           timestamptz,
        CHECK ((recipient_user_id IS NULL) <> (recipient_role IS NULL))
      )`);
    await q.query(
      `CREATE INDEX notifications_user ON notifications (recipient_user_id, created_at DESC) WHERE recipient_user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX notifications_role ON notifications (organisation_id, recipient_role, created_at DESC) WHERE recipient_role IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP INDEX case_summaries_earliest_due`);
    await q.query(`DROP INDEX case_summaries_stalled`);
    await q.query(`
      ALTER TABLE case_summaries
        DROP COLUMN status, DROP COLUMN pathway, DROP COLUMN stalled_since,
        DROP COLUMN return_readiness, DROP COLUMN return_checklist, DROP COLUMN earliest_due_at`);
  }
}
