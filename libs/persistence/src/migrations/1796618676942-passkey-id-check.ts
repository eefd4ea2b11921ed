import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A passkey's credential id: base64url of at most 1,023 bytes (WebAuthn §5.8.3), so at most
 * 1,364 characters. The second-factor migration's CHECK wrote this as a repetition count above
 * PostgreSQL's limit of 255, which no insert could pass; the length is now checked on its own.
 */
export class PasskeyIdCheck1796618676942 implements MigrationInterface {
  name = 'PasskeyIdCheck1796618676942';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webauthn_credentials DROP CONSTRAINT webauthn_credentials_id_check`);
    await q.query(`
      ALTER TABLE webauthn_credentials ADD CONSTRAINT webauthn_credentials_id_check
        CHECK (id ~ '^[A-Za-z0-9_-]+$' AND length(id) <= 1400)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webauthn_credentials DROP CONSTRAINT webauthn_credentials_id_check`);
    await q.query(`
      ALTER TABLE webauthn_credentials ADD CONSTRAINT webauthn_credentials_id_check
        CHECK (id ~ '^[A-Za-z0-9_-]{1,1400}$')`);
  }
}
