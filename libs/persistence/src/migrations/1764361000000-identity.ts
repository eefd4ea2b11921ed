import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations and staff accounts (issue 5). The CHECKs mirror identity.constants.ts so that
 * nothing written around the application can give an account an unknown role or a non-opaque id.
 */
export class Identity1764361000000 implements MigrationInterface {
  name = 'Identity1764361000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id         text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        country    char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        type       text        NOT NULL CHECK (type IN (
                     'ngo', 'shelter', 'social-services', 'health-service', 'police',
                     'migration-authority', 'border-guard', 'receiving-organisation',
                     'national-coordinator')),
        name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id              text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        organisation_id text        NOT NULL REFERENCES organisations (id),
        role            text        NOT NULL CHECK (role IN (
                          'caseworker', 'supervisor', 'coordinator', 'admin', 'auditor')),
        display_name    text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        login           text        NOT NULL CHECK (login = lower(login) AND length(login) BETWEEN 1 AND 254),
        password_hash   text,
        active          boolean     NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_login_uq UNIQUE (login)
      )`);
    await q.query(`CREATE INDEX users_organisation ON users (organisation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE organisations`);
  }
}
