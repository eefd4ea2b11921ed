import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts an organisation can run (issue 9).
 *
 * organisations.type: the codes of HTCDS 2.0's organisation picklist ("Trafficking Status
 * Decision Making Organization": Police, NGO, CourtOrProsecution,
 * NonPoliceGovernmentalOrganization, Other), so that exports interoperate. The earlier values
 * map onto them: NGOs and shelters (run by NGOs in the network's demo) → NGO; police and border
 * guards (law enforcement) → Police; social, health and migration services and national
 * coordination teams (public bodies) → NonPoliceGovernmentalOrganization; a receiving
 * organisation (a role in a return, not a kind of body) → Other.
 *
 * users.email: where invitations and password resets go. Staff data, never logged; unique
 * case-insensitively so a reset by e-mail finds at most one account.
 *
 * password_tokens: invitation and reset tokens, only their SHA-256 (the token is 32 random
 * bytes and lives only in the message's link); single use (used_at), 30 minutes (expires_at).
 */
export class AccountsAdministration1764390000000 implements MigrationInterface {
  name = 'AccountsAdministration1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_type_check`);
    await q.query(`
      UPDATE organisations SET type = CASE type
        WHEN 'ngo' THEN 'NGO'
        WHEN 'shelter' THEN 'NGO'
        WHEN 'police' THEN 'Police'
        WHEN 'border-guard' THEN 'Police'
        WHEN 'social-services' THEN 'NonPoliceGovernmentalOrganization'
        WHEN 'health-service' THEN 'NonPoliceGovernmentalOrganization'
        WHEN 'migration-authority' THEN 'NonPoliceGovernmentalOrganization'
        WHEN 'national-coordinator' THEN 'NonPoliceGovernmentalOrganization'
        ELSE 'Other' END`);
    await q.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_type_check CHECK (type IN (
        'Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'))`);

    await q.query(`
      ALTER TABLE users ADD COLUMN email text
        CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254)`);
    await q.query(`CREATE UNIQUE INDEX users_email_uq ON users (email)`);

    await q.query(`
      CREATE TABLE password_tokens (
        token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
        user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose    text        NOT NULL CHECK (purpose IN ('invitation', 'reset')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX password_tokens_user ON password_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_tokens`);
    await q.query(`DROP INDEX users_email_uq`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_type_check`);
    await q.query(`
      UPDATE organisations SET type = CASE type
        WHEN 'NGO' THEN 'ngo' WHEN 'Police' THEN 'police'
        WHEN 'NonPoliceGovernmentalOrganization' THEN 'social-services'
        ELSE 'receiving-organisation' END`);
    await q.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_type_check CHECK (type IN (
        'ngo', 'shelter', 'social-services', 'health-service', 'police',
        'migration-authority', 'border-guard', 'receiving-organisation',
        'national-coordinator'))`);
  }
}
