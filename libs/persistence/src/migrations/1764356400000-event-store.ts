import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStore1764356400000 implements MigrationInterface {
  name = 'EventStore1764356400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_events (
        position    bigserial   PRIMARY KEY,
        event_id    uuid        NOT NULL,
        case_id     uuid        NOT NULL,
        version     integer     NOT NULL CHECK (version > 0),
        type        text        NOT NULL,
        data        jsonb       NOT NULL,
        metadata    jsonb       NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_events_event_id_uq UNIQUE (event_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_events_case_version_uq ON case_events (case_id, version)`,
    );
    // The log is append-only: the database itself refuses to change or delete an event.
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_events_no_update_delete
        BEFORE UPDATE OR DELETE ON case_events
        FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await q.query(`
      CREATE TABLE case_summaries (
        case_id                uuid        PRIMARY KEY,
        version                integer     NOT NULL,
        phase                  text        NOT NULL,
        country                char(2)     NOT NULL,
        organisation_id        text        NOT NULL,
        assignee_id            text        NOT NULL,
        referral_source        text        NOT NULL,
        policy_version         text        NOT NULL,
        opened_at              timestamptz NOT NULL,
        identification_outcome text,
        reflection_started_at  timestamptz,
        reflection_ends_at     timestamptz,
        reflection_ended_at    timestamptz,
        last_progress_at       timestamptz NOT NULL,
        next_due_at            timestamptz,
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX case_summaries_org_phase ON case_summaries (organisation_id, phase)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_summaries`);
    await q.query(`DROP TRIGGER case_events_no_update_delete ON case_events`);
    await q.query(`DROP FUNCTION case_events_append_only`);
    await q.query(`DROP TABLE case_events`);
  }
}
