import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions and the staff member's language (issue 8).
 *
 * users.locale: the language of her staff application, one of LOCALES (identity.constants.ts).
 * An account inserted without one gets her organisation's country's language, filled in by a
 * trigger so that every way of creating accounts agrees (seed, tools, SQL).
 *
 * refresh_tokens: one row per refresh token, only its SHA-256 (the token itself is 32 random
 * bytes and lives only in her browser's cookie). Tokens of one sign-in share a family: rotation
 * marks the old row used and adds a new one; reuse of a used token revokes the whole family.
 * expires_at is the family's absolute end; the idle limit is counted from issued_at by the API,
 * so changing ARIADNE_IDLE_TIMEOUT applies to existing sessions too.
 */
export class SessionsAndLocale1764365200000 implements MigrationInterface {
  name = 'SessionsAndLocale1764365200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION default_locale(country char(2)) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE country
          WHEN 'DK' THEN 'da' WHEN 'EE' THEN 'et' WHEN 'FI' THEN 'fi' WHEN 'IS' THEN 'is'
          WHEN 'LV' THEN 'lv' WHEN 'LT' THEN 'lt' WHEN 'NO' THEN 'nb' WHEN 'SE' THEN 'sv'
          ELSE 'en' END
      $$`);
    await q.query(`ALTER TABLE users ADD COLUMN locale text`);
    await q.query(`
      UPDATE users u SET locale = default_locale(o.country)
        FROM organisations o WHERE o.id = u.organisation_id`);
    await q.query(`
      ALTER TABLE users
        ALTER COLUMN locale SET NOT NULL,
        ADD CONSTRAINT users_locale_ck
          CHECK (locale IN ('en', 'da', 'et', 'fi', 'is', 'lv', 'lt', 'nb', 'sv'))`);
    await q.query(`
      CREATE FUNCTION users_default_locale() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.locale IS NULL THEN
          SELECT default_locale(o.country) INTO NEW.locale
            FROM organisations o WHERE o.id = NEW.organisation_id;
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER users_default_locale BEFORE INSERT ON users
        FOR EACH ROW EXECUTE FUNCTION users_default_locale()`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
        family_id  uuid        NOT NULL,
        user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        issued_at  timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        revoked_at timestamptz,
        CHECK (expires_at > issued_at)
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(
      `CREATE INDEX refresh_tokens_user_expiry ON refresh_tokens (user_id, expires_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TRIGGER users_default_locale ON users`);
    await q.query(`DROP FUNCTION users_default_locale()`);
    await q.query(`ALTER TABLE users DROP COLUMN locale`);
    await q.query(`DROP FUNCTION default_locale(char)`);
  }
}
