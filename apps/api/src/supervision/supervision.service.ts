import { Injectable } from '@nestjs/common';
import type { Actor } from '@ariadne/domain';
import { CaseBoardQueries } from '@ariadne/persistence';
import {
  decodeCaseCursor,
  decodeUserCursor,
  encodeCaseCursor,
  encodeUserCursor,
} from './board-cursor';
import {
  type CaseBoardQueryDto,
  type OverduePageDto,
  type StalledPageDto,
  toBoardCaseDto,
  type WorkloadPageDto,
} from './board.dto';
import { BoardScopeResolver } from '../access';

/** The supervisor's board (R19–R22): every case of her organisation, nothing of another's. */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly scopes: BoardScopeResolver,
    private readonly boards: CaseBoardQueries,
  ) {}

  async stalled(actor: Actor, q: CaseBoardQueryDto): Promise<StalledPageDto> {
    const scope = await this.scopes.resolve('supervision', actor);
    const page = await this.boards.stalled(scope, filters(q), {
      limit: q.limit,
      ...decodeCaseCursor('stalled', q.cursor),
    });
    return {
      items: page.items.map(toBoardCaseDto),
      total: page.total,
      limit: q.limit,
      nextCursor: page.next ? encodeCaseCursor('stalled', page.next, page.total) : null,
    };
  }

  async overdue(actor: Actor, q: CaseBoardQueryDto, now = new Date()): Promise<OverduePageDto> {
    const scope = await this.scopes.resolve('supervision', actor);
    const page = await this.boards.overdue(scope, now, filters(q), {
      limit: q.limit,
      ...decodeCaseCursor('overdue', q.cursor),
    });
    return {
      asOf: now.toISOString(),
      items: page.items.map((c) => ({
        ...toBoardCaseDto(c),
        overdueSeconds: Math.floor((now.getTime() - c.earliestDueAt!.getTime()) / 1000),
      })),
      total: page.total,
      limit: q.limit,
      nextCursor: page.next ? encodeCaseCursor('overdue', page.next, page.total) : null,
    };
  }

  async workload(actor: Actor, q: CaseBoardQueryDto, now = new Date()): Promise<WorkloadPageDto> {
    const scope = await this.scopes.resolve('supervision', actor);
    // The supervision scope is always one organisation: hers.
    const organisationId = scope.organisationId ?? actor.organisationId;
    const page = await this.boards.workload(organisationId, now, filters(q), {
      limit: q.limit,
      afterUserId: decodeUserCursor('workload', q.cursor),
    });
    return {
      asOf: now.toISOString(),
      items: page.items.map((r) => ({ ...r })),
      unassigned: { ...page.unassigned },
      total: page.total,
      limit: q.limit,
      nextCursor: page.nextAfterUserId ? encodeUserCursor('workload', page.nextAfterUserId) : null,
    };
  }
}

function filters(q: CaseBoardQueryDto): { phase?: string; pathway?: string; assigneeId?: string } {
  return { phase: q.phase, pathway: q.pathway, assigneeId: q.assigneeId };
}
