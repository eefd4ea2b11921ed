import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R30: "My tasks" lists the partner facts refused on her cases and not resolved since: a partial
 * index over those two event types (rare) instead of scanning the log.
 */
export class PartnerFactIndex1796619425780 implements MigrationInterface {
  name = 'PartnerFactIndex1796619425780';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX case_events_partner_facts
        ON case_events (case_id)
        WHERE type IN ('PartnerFactRefused', 'RefusedFactResolved')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_events_partner_facts`);
  }
}
