import { Injectable } from '@nestjs/common';
import type { Actor } from '@ariadne/domain';
import { IdentityRepository, type ReadScope } from '@ariadne/persistence';
import { type Board, boardScope } from './board-scope';
import { requireAccess } from './permissions';

/** Resolves the scope of a board request from its actor, or refuses it with 403. */
@Injectable()
export class BoardScopeResolver {
  constructor(private readonly identity: IdentityRepository) {}

  async resolve(board: Board, actor: Actor): Promise<ReadScope> {
    const country = await this.countryOf(actor);
    requireAccess(actor, `board.${board}`, { country });
    const scope = boardScope(board, actor, country);
    if (!scope) throw new Error('An allowed board has no scope');
    return scope;
  }

  private async countryOf(actor: Actor): Promise<string | null> {
    if (actor.role === 'supervisor') return null; // her scope is her organisation, not a country
    const org = await this.identity.findOrganisationById(actor.organisationId);
    return org?.country ?? null;
  }
}
