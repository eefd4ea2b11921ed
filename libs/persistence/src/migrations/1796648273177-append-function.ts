import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, ADR 0015: the event store's append in one statement. `append_case_events` does, in
 * the caller's transaction (or its own, when called outside one), what EventStore.append did in
 * six round trips: the per-case lock, the optimistic-concurrency and idempotency checks, the
 * events, the case summary upsert and the inbox rows. The table triggers (append-only log) stay.
 *
 * Outcome: one row (last_version, already_stored); a concurrency conflict raises SQLSTATE AR409
 * (EventStore maps it to AppendConflictError). Changing the summary's columns means a new
 * migration that replaces this function.
 */
export class AppendFunction1796648273177 implements MigrationInterface {
  name = 'AppendFunction1796648273177';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_case_events(
        p_case_id       uuid,
        p_expected      integer,
        p_events        jsonb,   -- [{"eventId", "type", "data"}], in version order
        p_metadata      jsonb,   -- the same for every event of the append
        p_summary       jsonb,   -- the case_summaries row after these events (column names)
        p_notifications jsonb    -- notifications rows (column names), or null
      ) RETURNS TABLE (last_version integer, already_stored boolean)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        n        integer := jsonb_array_length(p_events);
        v_current integer;
        matching integer;
      BEGIN
        -- Serialise appends per case (the same key as before this function existed), so that the
        -- check below and the insert cannot interleave; each statement after it sees the commits
        -- of the lock's previous holder (read committed: a new snapshot per statement).
        PERFORM pg_advisory_xact_lock(hashtext(p_case_id::text));
        SELECT coalesce(max(e.version), 0) INTO v_current
          FROM case_events e WHERE e.case_id = p_case_id;
        IF v_current > p_expected THEN
          -- Versions are taken: the same events (a retried append) are a no-op, others a conflict.
          SELECT count(*) INTO matching
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(ev, i)
            JOIN case_events e
              ON e.case_id = p_case_id
             AND e.version = p_expected + x.i::integer
             AND e.event_id = (x.ev->>'eventId')::uuid;
          IF matching = n THEN
            RETURN QUERY SELECT p_expected + n, true;
            RETURN;
          END IF;
          RAISE EXCEPTION 'Case version % is already taken by other events', p_expected + 1
            USING ERRCODE = 'AR409';
        ELSIF v_current < p_expected THEN
          RAISE EXCEPTION 'Expected case version %, the log is at %', p_expected, v_current
            USING ERRCODE = 'AR409';
        END IF;

        INSERT INTO case_events (event_id, case_id, version, type, data, metadata)
        SELECT (x.ev->>'eventId')::uuid, p_case_id, p_expected + x.i::integer,
               x.ev->>'type', x.ev->'data', p_metadata
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(ev, i)
         ORDER BY x.i;

        INSERT INTO case_summaries AS cs (
          case_id, reference, version, status, phase, pathway, stalled_since, return_readiness,
          return_checklist, earliest_due_at, country, organisation_id, assignee_id,
          referral_source, policy_version, opened_at, identification_outcome,
          reflection_started_at, reflection_ends_at, reflection_ended_at, last_progress_at,
          next_due_at, updated_at)
        SELECT s.case_id, s.reference, s.version, s.status, s.phase, s.pathway, s.stalled_since,
               s.return_readiness, s.return_checklist, s.earliest_due_at, s.country,
               s.organisation_id, s.assignee_id, s.referral_source, s.policy_version, s.opened_at,
               s.identification_outcome, s.reflection_started_at, s.reflection_ends_at,
               s.reflection_ended_at, s.last_progress_at, s.next_due_at, now()
          FROM jsonb_populate_record(NULL::case_summaries, p_summary) s
        ON CONFLICT (case_id) DO UPDATE SET
          reference = EXCLUDED.reference,
          version = EXCLUDED.version,
          status = EXCLUDED.status,
          phase = EXCLUDED.phase,
          pathway = EXCLUDED.pathway,
          stalled_since = EXCLUDED.stalled_since,
          return_readiness = EXCLUDED.return_readiness,
          return_checklist = EXCLUDED.return_checklist,
          earliest_due_at = EXCLUDED.earliest_due_at,
          country = EXCLUDED.country,
          organisation_id = EXCLUDED.organisation_id,
          assignee_id = EXCLUDED.assignee_id,
          referral_source = EXCLUDED.referral_source,
          policy_version = EXCLUDED.policy_version,
          opened_at = EXCLUDED.opened_at,
          identification_outcome = EXCLUDED.identification_outcome,
          reflection_started_at = EXCLUDED.reflection_started_at,
          reflection_ends_at = EXCLUDED.reflection_ends_at,
          reflection_ended_at = EXCLUDED.reflection_ended_at,
          last_progress_at = EXCLUDED.last_progress_at,
          next_due_at = EXCLUDED.next_due_at,
          updated_at = EXCLUDED.updated_at;

        IF p_notifications IS NOT NULL AND jsonb_array_length(p_notifications) > 0 THEN
          INSERT INTO notifications (event_id, case_id, organisation_id, recipient_user_id,
                                     recipient_role, kind, deadline, due_at, created_at)
          SELECT r.event_id, r.case_id, r.organisation_id, r.recipient_user_id, r.recipient_role,
                 r.kind, r.deadline, r.due_at, r.created_at
            FROM jsonb_populate_recordset(NULL::notifications, p_notifications)
                 WITH ORDINALITY AS r
           ORDER BY r.ordinality;
        END IF;

        RETURN QUERY SELECT p_expected + n, false;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION append_case_events(uuid, integer, jsonb, jsonb, jsonb, jsonb)`);
  }
}
