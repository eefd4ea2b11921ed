import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import {
  DATA_SOURCE,
  IdentityRepository,
  normaliseEmail,
  normaliseLogin,
  OrganisationEntity,
  PasswordTokenRepository,
  RefreshTokenRepository,
  UserEntity,
} from '@ariadne/persistence';
import { PasswordService } from '../auth';
import { problem, type ProblemException } from '../common/problem';
import type {
  AdminUserDto,
  AdminUserListDto,
  CreateOrganisationDto,
  CreateUserDto,
  OrganisationDto,
  OrganisationListDto,
  UpdateOrganisationDto,
  UpdateUserDto,
} from './admin.dto';

function notFound(what: 'organisation' | 'user', field: string): ProblemException {
  // The same for "no such" and "another country's": no country learns the other's ids.
  return problem(HttpStatus.NOT_FOUND, `${what}-not-found`, `No such ${what} in your country`, {
    errors: [{ field, message: `no ${what} of your country has this id` }],
  });
}

function conflict(field: 'login' | 'email'): ProblemException {
  return problem(HttpStatus.CONFLICT, `duplicate-${field}`, `The ${field} is taken`, {
    detail: `Another account already has this ${field}.`,
    errors: [{ field, message: 'is taken by another account' }],
  });
}

/** A unique violation of the users table, as the field it concerns; otherwise rethrows. */
function asConflict(e: unknown): never {
  const constraint =
    e instanceof QueryFailedError
      ? (e.driverError as { code?: string; constraint?: string })
      : undefined;
  if (constraint?.code === '23505') {
    if (constraint.constraint === 'users_login_uq') throw conflict('login');
    if (constraint.constraint === 'users_email_uq') throw conflict('email');
  }
  throw e;
}

function toUserDto(u: UserEntity): AdminUserDto {
  return {
    id: u.id,
    displayName: u.displayName,
    login: u.login,
    email: u.email,
    role: u.role,
    organisationId: u.organisationId,
    locale: u.locale,
    active: u.active,
    passwordSet: u.passwordHash !== null,
  };
}

function toOrganisationDto(o: OrganisationEntity): OrganisationDto {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    country: o.country,
    requireSecondFactor: o.requireSecondFactor,
  };
}

/**
 * Organisations and staff accounts of the admin's own country. An auditor of the country reads
 * the same lists (the controller lets only admins write). Everything of another country is
 * answered as absent.
 */
@Injectable()
export class AdminService {
  private readonly logger = new Logger('Admin');

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly passwords: PasswordService,
  ) {}

  private now(): Date {
    return new Date();
  }

  /** The caller's country, from her organisation. */
  async countryOf(actor: Actor, m: EntityManager = this.ds.manager): Promise<string> {
    const org = await new IdentityRepository(m).findOrganisationById(actor.organisationId);
    if (!org)
      throw problem(HttpStatus.FORBIDDEN, 'no-organisation', 'Your organisation is unknown');
    return org.country;
  }

  private async organisationOfCountry(
    m: EntityManager,
    country: string,
    id: string,
    field: string,
  ): Promise<OrganisationEntity> {
    const org = await new IdentityRepository(m).findOrganisationById(id);
    if (!org || org.country !== country) throw notFound('organisation', field);
    return org;
  }

  private async userOfCountry(m: EntityManager, country: string, id: string): Promise<UserEntity> {
    const user = await new IdentityRepository(m).findUserById(id);
    const org = user
      ? await new IdentityRepository(m).findOrganisationById(user.organisationId)
      : null;
    if (!user || !org || org.country !== country) throw notFound('user', 'userId');
    return user;
  }

  async listOrganisations(actor: Actor): Promise<OrganisationListDto> {
    const country = await this.countryOf(actor);
    const orgs = await this.ds
      .getRepository(OrganisationEntity)
      .find({ where: { country }, order: { name: 'ASC', id: 'ASC' } });
    return { country, items: orgs.map(toOrganisationDto) };
  }

  async createOrganisation(actor: Actor, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const country = await this.countryOf(actor);
    // An opaque id: never derived from the name (P1 holds for staff data too).
    const id = `${country.toLowerCase()}-org-${randomBytes(5).toString('hex')}`;
    const org = {
      id,
      country,
      type: dto.type,
      name: dto.name,
      requireSecondFactor: dto.requireSecondFactor ?? false,
    };
    await new IdentityRepository(this.ds).insertOrganisationIfAbsent(org);
    this.logger.log(`organisation created: ${id}`);
    return org;
  }

  async updateOrganisation(
    actor: Actor,
    id: string,
    dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.ds.transaction(async (m) => {
      const country = await this.countryOf(actor, m);
      const org = await this.organisationOfCountry(m, country, id, 'organisationId');
      const changes = {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.type !== undefined && { type: dto.type }),
        ...(dto.requireSecondFactor !== undefined && {
          requireSecondFactor: dto.requireSecondFactor,
        }),
      };
      if (Object.keys(changes).length > 0) {
        await m.getRepository(OrganisationEntity).update({ id }, changes);
      }
      this.logger.log(`organisation updated: ${id}`);
      return toOrganisationDto({ ...org, ...changes });
    });
  }

  async listUsers(actor: Actor): Promise<AdminUserListDto> {
    const country = await this.countryOf(actor);
    const users = await this.ds
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(OrganisationEntity, 'o', 'o.id = u.organisation_id')
      .where('o.country = :country', { country })
      .orderBy('u.organisation_id')
      .addOrderBy('u.id')
      .getMany();
    return { country, items: users.map(toUserDto) };
  }

  async getUser(actor: Actor, id: string): Promise<AdminUserDto> {
    const country = await this.countryOf(actor);
    return toUserDto(await this.userOfCountry(this.ds.manager, country, id));
  }

  /** A new account without a password, and an invitation to set one (same transaction). */
  async createUser(actor: Actor, dto: CreateUserDto): Promise<AdminUserDto> {
    const created = await this.ds
      .transaction(async (m) => {
        const country = await this.countryOf(actor, m);
        await this.organisationOfCountry(m, country, dto.organisationId, 'organisationId');
        const repo = new IdentityRepository(m);
        const id = `u-${randomBytes(6).toString('hex')}`;
        const inserted = await repo.insertUserIfAbsent({
          id,
          organisationId: dto.organisationId,
          role: dto.role,
          displayName: dto.displayName,
          login: normaliseLogin(dto.login),
          email: normaliseEmail(dto.email),
          passwordHash: null,
          active: true,
          ...(dto.locale !== undefined && { locale: dto.locale }),
        });
        // insertUserIfAbsent ignores conflicts: tell which one it was.
        if (!inserted) {
          if (await repo.findUserByLogin(dto.login)) throw conflict('login');
          if (await repo.findUserByEmail(dto.email)) throw conflict('email');
          throw conflict('login');
        }
        const user = await repo.findUserById(id);
        if (!user) throw new Error('created account not found');
        await this.passwords.sendLink(m, user, country, 'invitation');
        return user;
      })
      .catch(asConflict);
    this.logger.log(`user created: ${created.id}`);
    return toUserDto(created);
  }

  async updateUser(actor: Actor, id: string, dto: UpdateUserDto): Promise<AdminUserDto> {
    if (id === actor.userId && (dto.active === false || (dto.role && dto.role !== actor.role))) {
      // An admin who locks herself out leaves the country without one; another admin must.
      throw problem(HttpStatus.CONFLICT, 'admin-self-change', 'Not on your own account', {
        detail: 'Another admin must deactivate you or change your role.',
        errors: [{ field: dto.active === false ? 'active' : 'role', message: 'not on yourself' }],
      });
    }
    const updated = await this.ds
      .transaction(async (m) => {
        const country = await this.countryOf(actor, m);
        const user = await this.userOfCountry(m, country, id);
        if (dto.organisationId !== undefined) {
          await this.organisationOfCountry(m, country, dto.organisationId, 'organisationId');
        }
        const changes = {
          ...(dto.displayName !== undefined && { displayName: dto.displayName }),
          ...(dto.email !== undefined && { email: normaliseEmail(dto.email) }),
          ...(dto.role !== undefined && { role: dto.role }),
          ...(dto.organisationId !== undefined && { organisationId: dto.organisationId }),
          ...(dto.locale !== undefined && { locale: dto.locale }),
          ...(dto.active !== undefined && { active: dto.active }),
        };
        if (Object.keys(changes).length > 0) {
          await m.getRepository(UserEntity).update({ id }, changes);
        }
        if (dto.active === false && user.active) {
          // Her access tokens are refused from now on (the guard reads her account on every
          // request); her sessions and open links end here.
          const now = this.now();
          await new RefreshTokenRepository(m).revokeAllOfUser(id, now);
          await new PasswordTokenRepository(m).revokeAll(id, now);
        }
        return { ...user, ...changes };
      })
      .catch(asConflict);
    this.logger.log(`user updated: ${id}`);
    return toUserDto(updated);
  }

  /** A new invitation (or, for an account with a password, a reset link). */
  async invite(actor: Actor, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const country = await this.countryOf(actor, m);
      const user = await this.userOfCountry(m, country, id);
      if (!user.active) {
        throw problem(HttpStatus.CONFLICT, 'user-inactive', 'The account is deactivated', {
          detail: 'Activate the account first.',
        });
      }
      if (!user.email) {
        throw problem(HttpStatus.CONFLICT, 'user-without-email', 'The account has no e-mail', {
          errors: [{ field: 'email', message: 'is missing' }],
        });
      }
      await this.passwords.sendLink(m, user, country, user.passwordHash ? 'reset' : 'invitation');
    });
    this.logger.log(`invitation sent: ${id}`);
  }
}
