import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Boards at 100,000 cases (issue 11): counts kept incrementally, and indexes that let each board
 * read its page and little more.
 *
 * Three counts tables, each a pure aggregate of case_summaries (no personal data, no case id),
 * kept by a row trigger on case_summaries in the same transaction as the read-model write
 * (whoever writes the summary: the append, a projector, a rebuild). Their definitions, which a
 * rebuild re-runs after it has filled case_summaries (the trigger keeps them from then on):
 *
 *   case_holder_counts (R22, the workload board): open cases per assignee, phase and pathway
 *     = SELECT organisation_id, assignee_id, phase, pathway, count(*) AS open,
 *              count(*) FILTER (WHERE stalled_since IS NOT NULL) AS stalled
 *         FROM case_summaries WHERE status = 'open' GROUP BY 1, 2, 3, 4
 *   case_readiness_counts (R14, the coordinator's readiness counts): open cases on a departure path
 *     = SELECT organisation_id, return_readiness, count(*) AS open
 *         FROM case_summaries WHERE status = 'open' AND return_readiness <> 'not-applicable'
 *        GROUP BY 1, 2
 *   case_statistics_counts (P8, statistics of one organisation without a window): all cases
 *     = SELECT organisation_id, country, status, phase, pathway, referral_source, count(*) AS cases
 *         FROM case_summaries GROUP BY 1, 2, 3, 4, 5, 6
 *   case_statistics_country_counts (P8, statistics of a country without a window): the same per
 *     country of the case's organisation (a country's cases are its organisations' cases)
 *     = SELECT o.country AS organisation_country, c.country, c.status, c.phase, c.pathway,
 *              c.referral_source, count(*) AS cases
 *         FROM case_summaries c JOIN organisations o ON o.id = c.organisation_id
 *        GROUP BY 1, 2, 3, 4, 5, 6
 *     (an organisation does not change country; were it to, re-run this definition)
 *
 * A row whose count fell to 0 may stay; readers skip zeros. Where a case moves from one key to
 * another, the trigger touches the two rows in key order, so that two transactions moving cases
 * in opposite directions cannot deadlock.
 */
export class BoardCounts1796648476697 implements MigrationInterface {
  name = 'BoardCounts1796648476697';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_holder_counts (
        organisation_id text NOT NULL,
        assignee_id     text NOT NULL,
        phase           text NOT NULL,
        pathway         text NOT NULL,
        open            int  NOT NULL CHECK (open >= 0),
        stalled         int  NOT NULL CHECK (stalled >= 0 AND stalled <= open),
        PRIMARY KEY (organisation_id, assignee_id, phase, pathway)
      )`);
    await q.query(`
      CREATE TABLE case_readiness_counts (
        organisation_id  text NOT NULL,
        return_readiness text NOT NULL,
        open             int  NOT NULL CHECK (open >= 0),
        PRIMARY KEY (organisation_id, return_readiness)
      )`);
    await q.query(`
      CREATE TABLE case_statistics_counts (
        organisation_id text    NOT NULL,
        country         char(2) NOT NULL,
        status          text    NOT NULL,
        phase           text    NOT NULL,
        pathway         text    NOT NULL,
        referral_source text    NOT NULL,
        cases           int     NOT NULL CHECK (cases >= 0),
        PRIMARY KEY (organisation_id, country, status, phase, pathway, referral_source)
      )`);
    await q.query(`
      CREATE TABLE case_statistics_country_counts (
        organisation_country char(2) NOT NULL,
        country              char(2) NOT NULL,
        status               text    NOT NULL,
        phase                text    NOT NULL,
        pathway              text    NOT NULL,
        referral_source      text    NOT NULL,
        cases                int     NOT NULL CHECK (cases >= 0),
        PRIMARY KEY (organisation_country, country, status, phase, pathway, referral_source)
      )`);
    await q.query(`
      CREATE FUNCTION case_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        o case_summaries;
        n case_summaries;
        has_old boolean := TG_OP <> 'INSERT';
        has_new boolean := TG_OP <> 'DELETE';
        side int;
        r case_summaries;
        d int;
        oc char(2);
        nc char(2);
      BEGIN
        IF has_old THEN o := OLD; END IF;
        IF has_new THEN n := NEW; END IF;

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
      CREATE TRIGGER case_counts_insert_delete
        AFTER INSERT OR DELETE ON case_summaries
        FOR EACH ROW EXECUTE FUNCTION case_counts_apply()`);
    // Most writes change neither a key nor a counted state (a need recorded, a service offered):
    // the trigger does not even run for them.
    await q.query(`
      CREATE TRIGGER case_counts_update
        AFTER UPDATE ON case_summaries
        FOR EACH ROW
        WHEN ((OLD.organisation_id, OLD.assignee_id, OLD.country, OLD.status, OLD.phase,
               OLD.pathway, OLD.referral_source, OLD.return_readiness, OLD.stalled_since IS NULL)
              IS DISTINCT FROM
              (NEW.organisation_id, NEW.assignee_id, NEW.country, NEW.status, NEW.phase,
               NEW.pathway, NEW.referral_source, NEW.return_readiness, NEW.stalled_since IS NULL))
        EXECUTE FUNCTION case_counts_apply()`);
    // The counts of the cases already there.
    await q.query(`
      INSERT INTO case_holder_counts (organisation_id, assignee_id, phase, pathway, open, stalled)
      SELECT organisation_id, assignee_id, phase, pathway, count(*),
             count(*) FILTER (WHERE stalled_since IS NOT NULL)
        FROM case_summaries WHERE status = 'open' GROUP BY 1, 2, 3, 4`);
    await q.query(`
      INSERT INTO case_readiness_counts (organisation_id, return_readiness, open)
      SELECT organisation_id, return_readiness, count(*)
        FROM case_summaries WHERE status = 'open' AND return_readiness <> 'not-applicable'
       GROUP BY 1, 2`);
    await q.query(`
      INSERT INTO case_statistics_counts
             (organisation_id, country, status, phase, pathway, referral_source, cases)
      SELECT organisation_id, country, status, phase, pathway, referral_source, count(*)
        FROM case_summaries GROUP BY 1, 2, 3, 4, 5, 6`);
    await q.query(`
      INSERT INTO case_statistics_country_counts
             (organisation_country, country, status, phase, pathway, referral_source, cases)
      SELECT o.country, c.country, c.status, c.phase, c.pathway, c.referral_source, count(*)
        FROM case_summaries c JOIN organisations o ON o.id = c.organisation_id
       GROUP BY 1, 2, 3, 4, 5, 6`);

    // Workload: a case holder's overdue open cases, counted from the index alone.
    await q.query(`
      CREATE INDEX case_summaries_board_holder_due
        ON case_summaries (organisation_id, assignee_id, earliest_due_at) INCLUDE (phase, pathway)
        WHERE status = 'open' AND earliest_due_at IS NOT NULL`);
    // Readiness board filtered by readiness: its page straight from the index.
    await q.query(`
      CREATE INDEX case_summaries_board_return_by_readiness
        ON case_summaries (organisation_id, return_readiness, opened_at, case_id)
        WHERE status = 'open' AND return_readiness <> 'not-applicable'`);
    // Statistics over a window of opening days: an index-only scan of the window's cases.
    await q.query(`
      CREATE INDEX case_summaries_opened_dims
        ON case_summaries (organisation_id, opened_at)
        INCLUDE (country, status, phase, pathway, referral_source)`);
    await q.query(`DROP INDEX case_summaries_opened`);
    // The old workload index (organisation_id, assignee_id) is a prefix of the one above.
    await q.query(`DROP INDEX case_summaries_board_workload`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX case_summaries_board_workload ON case_summaries (organisation_id, assignee_id) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX case_summaries_opened ON case_summaries (organisation_id, opened_at)`,
    );
    await q.query(`DROP INDEX case_summaries_opened_dims`);
    await q.query(`DROP INDEX case_summaries_board_return_by_readiness`);
    await q.query(`DROP INDEX case_summaries_board_holder_due`);
    await q.query(`DROP TRIGGER case_counts_update ON case_summaries`);
    await q.query(`DROP TRIGGER case_counts_insert_delete ON case_summaries`);
    await q.query(`DROP FUNCTION case_counts_apply()`);
    await q.query(`DROP TABLE case_statistics_country_counts`);
    await q.query(`DROP TABLE case_statistics_counts`);
    await q.query(`DROP TABLE case_readiness_counts`);
    await q.query(`DROP TABLE case_holder_counts`);
  }
}
