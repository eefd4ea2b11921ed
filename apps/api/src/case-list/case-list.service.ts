import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Actor, normaliseReferencePrefix } from '@ariadne/domain';
import { CaseListQueries, DATA_SOURCE } from '@ariadne/persistence';
import { caseListScope } from '../access';
import { toCaseSummaryDto } from '../cases/cases.dto';
import { problem } from '../common/problem';
import { decodeCaseListCursor, encodeCaseListCursor } from './case-list.cursor';
import type { CaseListPageDto, ListCasesQueryDto } from './case-list.dto';

const notAReference = () =>
  problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
    detail: 'q: must be (the beginning of) a case reference such as SE-7K4Q-2M',
    errors: [{ field: 'q', message: 'must be (the beginning of) a case reference' }],
  });

/** The caller's cases (P3): a caseworker's own, a supervisor's organisation's. */
@Injectable()
export class CaseListService {
  private readonly queries: CaseListQueries;

  constructor(@Inject(DATA_SOURCE) ds: DataSource) {
    this.queries = new CaseListQueries(ds);
  }

  async list(actor: Actor, q: ListCasesQueryDto): Promise<CaseListPageDto> {
    const scope = caseListScope(actor);
    // Roles() lets only caseworkers and supervisors in; both have a scope.
    if (!scope) throw new Error('A case list without a scope');
    let referencePrefix: string | undefined;
    if (q.q !== undefined) {
      referencePrefix = normaliseReferencePrefix(q.q);
      if (referencePrefix === undefined) throw notAReference();
    }
    const page = await this.queries.list(
      scope,
      {
        phase: q.phase,
        status: q.status,
        stalled: q.stalled,
        pathway: q.pathway,
        referencePrefix,
      },
      { limit: q.limit, after: decodeCaseListCursor(q.cursor) },
    );
    return {
      items: page.items.map(toCaseSummaryDto),
      limit: q.limit,
      nextCursor: page.next ? encodeCaseListCursor(page.next) : null,
    };
  }
}
