import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import { DATA_SOURCE, IdentityRepository, OrganisationEntity } from '@ariadne/persistence';
import { organisationDirectoryScope } from '../access';
import type { DirectoryOrganisationDto, OrganisationDirectoryDto } from './directory.dto';

/**
 * The organisations whose names the caller's boards show (access/board-scope decides which).
 * A country has tens of organisations, so the answer is one page.
 */
@Injectable()
export class OrganisationsService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async list(actor: Actor): Promise<OrganisationDirectoryDto> {
    const own = await new IdentityRepository(this.ds).findOrganisationById(actor.organisationId);
    const scope = organisationDirectoryScope(actor, own?.country ?? null);
    if (!scope || !own) return { items: [] };
    const where = scope.country !== undefined ? { country: scope.country } : { id: own.id };
    const orgs = await this.ds
      .getRepository(OrganisationEntity)
      .find({ where, order: { name: 'ASC', id: 'ASC' } });
    return { items: orgs.map(toDto) };
  }
}

function toDto(o: OrganisationEntity): DirectoryOrganisationDto {
  return { id: o.id, name: o.name, type: o.type, country: o.country };
}
