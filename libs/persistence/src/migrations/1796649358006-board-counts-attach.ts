import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The triggers that keep the board and statistics counts (migration 1796648476697) belong to the
 * case_summaries table itself: a rebuild that fills a new table and renames it into place must
 * attach them again, in the swap's transaction, before the counts are recomputed from their
 * definitions. `SELECT case_counts_attach()` does that (idempotent: drops and re-creates them on
 * whatever table is named case_summaries now).
 */
export class BoardCountsAttach1796649358006 implements MigrationInterface {
  name = 'BoardCountsAttach1796649358006';

  async up(q: QueryRunner): Promise<void> {
    // The same function as in 1796648476697, its row variables typed record rather than
    // case_summaries: a session that ran it before a swap would otherwise hold the old table's
    // row type in its cached plan.
    await q.query(`
      CREATE OR REPLACE FUNCTION case_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        o record;
        n record;
        has_old boolean := TG_OP <> 'INSERT';
        has_new boolean := TG_OP <> 'DELETE';
        side int;
        r record;
        d int;
        oc char(2);
        nc char(2);
      BEGIN
        -- Both always hold a row (the other side's where there is none; has_old and has_new
        -- say which is real), so that no branch reads an unassigned record.
        IF has_old THEN o := OLD; ELSE o := NEW; END IF;
        IF has_new THEN n := NEW; ELSE n := OLD; END IF;

        -- Statistics: every case counts once under its key.
        IF NOT (has_old AND has_new AND
                (o.organisation_id, o.country, o.status, o.phase, o.pathway, o.referral_source)
                IS NOT DISTINCT FROM
                (n.organisation_id, n.country, n.status, n.phase, n.pathway, n.referral_source)) THEN
          FOR side IN 0..1 LOOP
            -- key order: the lower key first (old before new when old sorts lower)
            IF (side = 0) = (NOT has_new OR (has_old AND
                 (o.organisation_id, o.country, o.status, o.phase, o.pathway, o.referral_source) <
                 (n.organisation_id, n.country, n.status, n.phase, n.pathway, n.referral_source))) THEN
              IF has_old THEN
                UPDATE case_statistics_counts SET cases = cases - 1
                 WHERE organisation_id = o.organisation_id AND country = o.country
                   AND status = o.status AND phase = o.phase AND pathway = o.pathway
                   AND referral_source = o.referral_source;
              END IF;
            ELSIF has_new THEN
              INSERT INTO case_statistics_counts AS t
                     (organisation_id, country, status, phase, pathway, referral_source, cases)
              VALUES (n.organisation_id, n.country, n.status, n.phase, n.pathway, n.referral_source, 1)
              ON CONFLICT (organisation_id, country, status, phase, pathway, referral_source)
              DO UPDATE SET cases = t.cases + 1;
            END IF;
          END LOOP;
        END IF;

        -- Statistics of a country: keyed by the country of the case's organisation.
        IF has_old THEN SELECT country INTO oc FROM organisations WHERE id = o.organisation_id; END IF;
        IF has_new THEN SELECT country INTO nc FROM organisations WHERE id = n.organisation_id; END IF;
        IF NOT (has_old AND has_new AND
                (oc, o.country, o.status, o.phase, o.pathway, o.referral_source)
                IS NOT DISTINCT FROM
                (nc, n.country, n.status, n.phase, n.pathway, n.referral_source)) THEN
          FOR side IN 0..1 LOOP
            IF (side = 0) = (NOT has_new OR (has_old AND
                 (coalesce(oc, ''), o.country, o.status, o.phase, o.pathway, o.referral_source) <
                 (coalesce(nc, ''), n.country, n.status, n.phase, n.pathway, n.referral_source))) THEN
              IF has_old AND oc IS NOT NULL THEN
                UPDATE case_statistics_country_counts SET cases = cases - 1
                 WHERE organisation_country = oc AND country = o.country
                   AND status = o.status AND phase = o.phase AND pathway = o.pathway
                   AND referral_source = o.referral_source;
              END IF;
            ELSIF has_new AND nc IS NOT NULL THEN
              INSERT INTO case_statistics_country_counts AS t
                     (organisation_country, country, status, phase, pathway, referral_source, cases)
              VALUES (nc, n.country, n.status, n.phase, n.pathway, n.referral_source, 1)
              ON CONFLICT (organisation_country, country, status, phase, pathway, referral_source)
              DO UPDATE SET cases = t.cases + 1;
            END IF;
          END LOOP;
        END IF;

        -- Workload: open cases per assignee, phase, pathway; stalled among them.
        IF NOT (has_old AND has_new AND
                (o.status = 'open', o.organisation_id, o.assignee_id, o.phase, o.pathway, o.stalled_since IS NULL)
                IS NOT DISTINCT FROM
                (n.status = 'open', n.organisation_id, n.assignee_id, n.phase, n.pathway, n.stalled_since IS NULL)) THEN
          FOR side IN 0..1 LOOP
            IF side = 0 THEN
              -- the lower key of the two first
              IF has_old AND has_new AND o.status = 'open' AND n.status = 'open' AND
                 (n.organisation_id, n.assignee_id, n.phase, n.pathway) <
                 (o.organisation_id, o.assignee_id, o.phase, o.pathway) THEN
                r := n; d := 1;
              ELSE
                r := o; d := -1;
              END IF;
            ELSE
              IF d = 1 THEN r := o; d := -1; ELSE r := n; d := 1; END IF;
            END IF;
            IF (d = -1 AND has_old AND r.status = 'open') OR (d = 1 AND has_new AND r.status = 'open') THEN
              INSERT INTO case_holder_counts AS t
                     (organisation_id, assignee_id, phase, pathway, open, stalled)
              VALUES (r.organisation_id, r.assignee_id, r.phase, r.pathway, greatest(d, 0),
                      CASE WHEN d = 1 AND r.stalled_since IS NOT NULL THEN 1 ELSE 0 END)
              ON CONFLICT (organisation_id, assignee_id, phase, pathway)
              DO UPDATE SET open = t.open + d,
                            stalled = t.stalled + CASE WHEN r.stalled_since IS NOT NULL THEN d ELSE 0 END;
            END IF;
          END LOOP;
        END IF;

        -- Readiness: open cases on a departure path per organisation and readiness.
        IF NOT (has_old AND has_new AND
                (o.status = 'open' AND o.return_readiness <> 'not-applicable', o.organisation_id, o.return_readiness)
                IS NOT DISTINCT FROM
                (n.status = 'open' AND n.return_readiness <> 'not-applicable', n.organisation_id, n.return_readiness)) THEN
          FOR side IN 0..1 LOOP
            IF side = 0 THEN
              IF has_old AND has_new AND
                 (n.organisation_id, n.return_readiness) < (o.organisation_id, o.return_readiness) THEN
                r := n; d := 1;
              ELSE
                r := o; d := -1;
              END IF;
            ELSE
              IF d = 1 THEN r := o; d := -1; ELSE r := n; d := 1; END IF;
            END IF;
            IF ((d = -1 AND has_old) OR (d = 1 AND has_new))
               AND r.status = 'open' AND r.return_readiness <> 'not-applicable' THEN
              INSERT INTO case_readiness_counts AS t (organisation_id, return_readiness, open)
              VALUES (r.organisation_id, r.return_readiness, greatest(d, 0))
              ON CONFLICT (organisation_id, return_readiness) DO UPDATE SET open = t.open + d;
            END IF;
          END LOOP;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION case_counts_attach() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DROP TRIGGER IF EXISTS case_counts_insert_delete ON case_summaries;
        DROP TRIGGER IF EXISTS case_counts_update ON case_summaries;
        CREATE TRIGGER case_counts_insert_delete
          AFTER INSERT OR DELETE ON case_summaries
          FOR EACH ROW EXECUTE FUNCTION case_counts_apply();
        CREATE TRIGGER case_counts_update
          AFTER UPDATE ON case_summaries
          FOR EACH ROW
          WHEN ((OLD.organisation_id, OLD.assignee_id, OLD.country, OLD.status, OLD.phase,
                 OLD.pathway, OLD.referral_source, OLD.return_readiness, OLD.stalled_since IS NULL)
                IS DISTINCT FROM
                (NEW.organisation_id, NEW.assignee_id, NEW.country, NEW.status, NEW.phase,
                 NEW.pathway, NEW.referral_source, NEW.return_readiness, NEW.stalled_since IS NULL))
          EXECUTE FUNCTION case_counts_apply();
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The record-typed case_counts_apply() stays: it does what the earlier one did.
    await q.query(`DROP FUNCTION case_counts_attach()`);
  }
}
