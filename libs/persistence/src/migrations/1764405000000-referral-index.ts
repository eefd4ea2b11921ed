import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinator's list of cross-border referrals reads them from the event log, newest first:
 * a partial index over the referral events (a few per case) instead of scanning the log; the
 * answers are found per case through the (case_id, version) index.
 */
export class ReferralIndex1764405000000 implements MigrationInterface {
  name = 'ReferralIndex1764405000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX case_events_referrals_sent
        ON case_events (position)
        WHERE type = 'CrossBorderReferralSent'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_events_referrals_sent`);
  }
}
