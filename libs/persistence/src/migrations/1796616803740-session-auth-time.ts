import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * refresh_tokens.auth_time: when she last really authenticated in this session (sign-in or
 * re-authentication, ASVS 7.5.3). A rotated token keeps it, so a refreshed access token carries
 * the time of the sign-in, not of the refresh. Rows from before have none: their sessions must
 * re-authenticate before a sensitive action.
 */
export class SessionAuthTime1796616803740 implements MigrationInterface {
  name = 'SessionAuthTime1796616803740';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens ADD COLUMN auth_time timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens DROP COLUMN auth_time`);
  }
}
