import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second factor for staff accounts (issue 9, ASVS 5.0 ch. 6; docs/adr/0010-second-factor.md).
 *
 * organisations.require_second_factor: every account of the organisation must use one
 * (supervisors, admins and auditors must anyway).
 *
 * totp_factors: the TOTP secret sealed with a key derived from the master key (never in clear),
 * confirmed once she proved she holds it; last_time_step refuses a code's second use.
 * recovery_codes: ten single-use codes, as keyed hashes only.
 * webauthn_credentials: her passkeys (public keys), named by her.
 * webauthn_challenges: the challenge of a ceremony in progress, a few minutes, used once.
 * sign_in_challenges: the token between the password and the second factor (or the forced
 * enrolment): its SHA-256 only, five minutes, used once.
 */
export class SecondFactor1796616791834 implements MigrationInterface {
  name = 'SecondFactor1796616791834';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organisations ADD COLUMN require_second_factor boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      CREATE TABLE totp_factors (
        user_id        text        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        secret_sealed  text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        confirmed_at   timestamptz,
        last_time_step bigint
      )`);
    await q.query(`
      CREATE TABLE recovery_codes (
        user_id   text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash bytea       NOT NULL CHECK (length(code_hash) = 32),
        key_id    text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at   timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE webauthn_credentials (
        id           text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,1400}$'),
        user_id      text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        public_key   bytea       NOT NULL,
        counter      bigint      NOT NULL DEFAULT 0,
        transports   text[]      NOT NULL DEFAULT '{}',
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    await q.query(`CREATE INDEX webauthn_credentials_user ON webauthn_credentials (user_id)`);
    await q.query(`
      CREATE TABLE webauthn_challenges (
        challenge  text        PRIMARY KEY,
        user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose    text        NOT NULL CHECK (purpose IN ('registration', 'authentication')),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX webauthn_challenges_user ON webauthn_challenges (user_id)`);
    await q.query(`
      CREATE TABLE sign_in_challenges (
        token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
        user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose    text        NOT NULL CHECK (purpose IN ('second-factor', 'enrolment')),
        expires_at timestamptz NOT NULL,
        used_at    timestamptz
      )`);
    await q.query(`CREATE INDEX sign_in_challenges_user ON sign_in_challenges (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_challenges`);
    await q.query(`DROP TABLE webauthn_challenges`);
    await q.query(`DROP TABLE webauthn_credentials`);
    await q.query(`DROP TABLE recovery_codes`);
    await q.query(`DROP TABLE totp_factors`);
    await q.query(`ALTER TABLE organisations DROP COLUMN require_second_factor`);
  }
}
