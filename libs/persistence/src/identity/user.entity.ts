import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale, UserRole } from './identity.constants';

/**
 * A staff account. display_name, login and email are the staff member's personal data: they never go
 * into tokens, logs, events or error bodies; everything else refers to the opaque id.
 */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ type: 'text', name: 'display_name' })
  displayName!: string;

  /** Stored lower-case (see normaliseLogin). */
  @Column({ type: 'text', unique: true })
  login!: string;

  /** Where invitations and password resets go; stored lower-case (see normaliseEmail). */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** argon2id PHC string; null for accounts that sign in only through OIDC. */
  @Column({ type: 'text', name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  /**
   * The language of her staff application. Left out on insert, the database fills in her
   * organisation's country's language (trigger of the sessions migration).
   */
  @Column({ type: 'text' })
  locale!: Locale;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
