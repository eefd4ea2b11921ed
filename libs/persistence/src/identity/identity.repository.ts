import { DataSource, type EntityManager } from 'typeorm';
import { type Locale, normaliseEmail, normaliseLogin } from './identity.constants';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

export type NewOrganisation = Omit<OrganisationEntity, 'createdAt' | 'requireSecondFactor'> & {
  readonly requireSecondFactor?: boolean;
};
/** Without a locale, the account gets her organisation's country's language. */
export type NewUser = Omit<UserEntity, 'createdAt' | 'locale' | 'email'> & {
  readonly locale?: Locale;
  readonly email?: string | null;
};

/** Reads and writes of organisations and staff accounts. */
export class IdentityRepository {
  private readonly manager: EntityManager;

  /** Takes a data source, or a transaction's entity manager. */
  constructor(db: DataSource | EntityManager) {
    this.manager = db instanceof DataSource ? db.manager : db;
  }

  findUserById(id: string): Promise<UserEntity | null> {
    return this.manager.getRepository(UserEntity).findOne({ where: { id } });
  }

  findUserByLogin(login: string): Promise<UserEntity | null> {
    return this.manager
      .getRepository(UserEntity)
      .findOne({ where: { login: normaliseLogin(login) } });
  }

  /**
   * The account an identity provider's subject names: by id, or else by login. When the subject
   * is one account's id and another's login, neither is returned: guessing could sign someone in
   * as a colleague.
   */
  async findUserBySubject(subject: string): Promise<UserEntity | null> {
    const found = await this.manager
      .getRepository(UserEntity)
      .find({ where: [{ id: subject }, { login: normaliseLogin(subject) }], take: 2 });
    return found.length === 1 ? found[0]! : null;
  }

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.manager
      .getRepository(UserEntity)
      .findOne({ where: { email: normaliseEmail(email) } });
  }

  /** Gives the account an e-mail address unless it has one or another account holds it. */
  async setEmailIfAbsent(userId: string, email: string): Promise<void> {
    await this.manager.query(
      `UPDATE users SET email = $2 WHERE id = $1 AND email IS NULL
         AND NOT EXISTS (SELECT 1 FROM users WHERE email = $2)`,
      [userId, normaliseEmail(email)],
    );
  }

  findOrganisationById(id: string): Promise<OrganisationEntity | null> {
    return this.manager.getRepository(OrganisationEntity).findOne({ where: { id } });
  }

  async organisationExists(id: string): Promise<boolean> {
    return this.manager.getRepository(OrganisationEntity).exists({ where: { id } });
  }

  async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.manager.getRepository(UserEntity).update({ id: userId }, { passwordHash });
  }

  /** Sets the account's language; false when there is no such account. */
  async updateLocale(userId: string, locale: Locale): Promise<boolean> {
    const result = await this.manager.getRepository(UserEntity).update({ id: userId }, { locale });
    return (result.affected ?? 0) === 1;
  }

  /** Inserts unless the id exists; true when inserted. */
  async insertOrganisationIfAbsent(org: NewOrganisation): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(OrganisationEntity)
      .values(org)
      .orIgnore()
      .returning('id')
      .execute();
    return rowCount(result.raw) === 1;
  }

  /** Inserts unless the id or the login exists; true when inserted. */
  async insertUserIfAbsent(user: NewUser): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({
        ...user,
        login: normaliseLogin(user.login),
        email: user.email ? normaliseEmail(user.email) : null,
      })
      .orIgnore()
      .returning('id')
      .execute();
    return rowCount(result.raw) === 1;
  }
}

function rowCount(raw: unknown): number {
  return Array.isArray(raw) ? raw.length : 0;
}
