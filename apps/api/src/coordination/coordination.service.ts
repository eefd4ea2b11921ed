import { Injectable } from '@nestjs/common';
import type { Actor } from '@ariadne/domain';
import { CaseBoardQueries, CrossBorderReferralQueries, type ReadScope } from '@ariadne/persistence';
import {
  decodeCaseCursor,
  decodePositionCursor,
  encodeCaseCursor,
  encodePositionCursor,
} from '../supervision/board-cursor';
import { BoardScopeResolver } from '../access';
import { toBoardCaseDto } from '../supervision/board.dto';
import type {
  ReadinessCountsDto,
  ReadinessPageDto,
  ReferralPageDto,
  ReferralsQueryDto,
  ReturnReadinessQueryDto,
} from './coordination.dto';

/** The national coordinator's board (R14, R16): return readiness across her country. */
@Injectable()
export class CoordinationService {
  constructor(
    private readonly scopes: BoardScopeResolver,
    private readonly boards: CaseBoardQueries,
    private readonly referrals: CrossBorderReferralQueries,
  ) {}

  /**
   * Cross-border referrals of the cases of her country, with their answers. The answer is
   * recorded on the case by its caseworker (RecordCrossBorderReferralResponse).
   */
  async crossBorderReferrals(actor: Actor, q: ReferralsQueryDto): Promise<ReferralPageDto> {
    const scope = await this.scopes.resolve('coordination', actor);
    const page = await this.referrals.list(
      scope,
      { status: q.status },
      { limit: q.limit, after: decodePositionCursor('referrals', q.cursor) },
    );
    return {
      country: countryOf(scope),
      limit: q.limit,
      nextCursor: page.nextAfter ? encodePositionCursor('referrals', page.nextAfter) : null,
      items: page.items.map(({ position: _, ...r }) => ({ ...r, categories: [...r.categories] })),
    };
  }

  async returnReadiness(actor: Actor, q: ReturnReadinessQueryDto): Promise<ReadinessPageDto> {
    const scope = await this.scopes.resolve('coordination', actor);
    const page = await this.boards.returnReadiness(
      scope,
      { readiness: q.readiness, organisationId: q.organisationId, pathway: q.pathway },
      { limit: q.limit, ...decodeCaseCursor('return-readiness', q.cursor) },
    );
    return {
      country: countryOf(scope),
      items: page.items.map((c) => {
        const checklist = (c.returnChecklist ?? []).map(({ item, met }) => ({ item, met }));
        return {
          ...toBoardCaseDto(c),
          returnChecklist: checklist,
          missing: checklist.filter((i) => !i.met).map((i) => i.item),
        };
      }),
      total: page.total,
      limit: q.limit,
      nextCursor: page.next ? encodeCaseCursor('return-readiness', page.next, page.total) : null,
    };
  }

  async counts(actor: Actor): Promise<ReadinessCountsDto> {
    const scope = await this.scopes.resolve('coordination', actor);
    const organisations = await this.boards.returnReadinessCounts(scope);
    const total = organisations.reduce(
      (t, o) => ({
        ready: t.ready + o.ready,
        incomplete: t.incomplete + o.incomplete,
        total: t.total + o.total,
      }),
      { ready: 0, incomplete: 0, total: 0 },
    );
    return {
      country: countryOf(scope),
      organisations: organisations.map((o) => ({ ...o })),
      total,
    };
  }
}

function countryOf(scope: ReadScope): string {
  // BOARD_ROLES.coordination holds country-wide roles only.
  if (scope.country === undefined) throw new Error('The coordination board needs a country scope');
  return scope.country;
}
