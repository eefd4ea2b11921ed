import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-case data keys, wrapped by the master key (P2). Erasure (P7) sets `wrapped_key` to NULL and
 * records when and by whom; the CHECK keeps "has a key" and "was destroyed" mutually exclusive.
 */
export class CaseKeys1764360000000 implements MigrationInterface {
  name = 'CaseKeys1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_keys (
        case_id      uuid        PRIMARY KEY,
        wrapper_id   text        NOT NULL,
        wrapped_key  bytea       NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz NULL,
        destroyed_by text        NULL,
        CONSTRAINT case_keys_destroyed_ck
          CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL)),
        CONSTRAINT case_keys_destroyed_by_ck
          CHECK ((destroyed_at IS NULL) = (destroyed_by IS NULL))
      )`);
    // A destroyed key stays destroyed: the database refuses to put key bytes back or delete the
    // tombstone (deleting it would let a new key be created and the erasure go unrecorded).
    await q.query(`
      CREATE FUNCTION case_keys_no_resurrection() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'case_keys rows cannot be deleted; destroy the key instead';
        END IF;
        IF OLD.destroyed_at IS NOT NULL AND (NEW.wrapped_key IS NOT NULL
            OR NEW.destroyed_at IS DISTINCT FROM OLD.destroyed_at
            OR NEW.destroyed_by IS DISTINCT FROM OLD.destroyed_by) THEN
          RAISE EXCEPTION 'a destroyed case key cannot be restored or altered';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_keys_no_resurrection
        BEFORE UPDATE OR DELETE ON case_keys
        FOR EACH ROW EXECUTE FUNCTION case_keys_no_resurrection()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_keys_no_resurrection ON case_keys`);
    await q.query(`DROP FUNCTION case_keys_no_resurrection`);
    await q.query(`DROP TABLE case_keys`);
  }
}
