import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The network's indicators and the form-of-exploitation dimension of the statistics read a few
 * event types per case (identification, reflection end, services, departures, risk assessments,
 * follow-ups, needs assessments): a partial index on (case_id, type) over exactly those, so that
 * each aggregate joins the scoped cases to their events without scanning the log.
 */
export class IndicatorIndex1796617987509 implements MigrationInterface {
  name = 'IndicatorIndex1796617987509';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX case_events_indicators
        ON case_events (case_id, type, version)
        WHERE type IN ('IdentificationDecided', 'ReflectionPeriodEnded', 'ServiceRequested',
                       'ServiceProvided', 'ReturnExecuted', 'RiskAssessed', 'FollowUpRecorded',
                       'NeedsAssessed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_events_indicators`);
  }
}
