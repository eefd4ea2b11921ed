import { Controller, Get, Header, Inject, Injectable } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import { CaseloadQueries, type CaseloadRow, DATA_SOURCE } from '@ariadne/persistence';
import { BOARD_ROLES, BoardScopeResolver } from '../../access';
import { Audited } from '../../audit';
import { CurrentActor, Roles } from '../../auth';
import { ProblemDto } from '../../cases/cases.dto';
import { toCsv } from '../../statistics/csv';

/** The columns of the caseload export, in order. */
export const CASELOAD_COLUMNS = [
  'reference',
  'status',
  'phase',
  'pathway',
  'assignee',
  'openedAt',
  'nextDueAt',
  'earliestDueAt',
  'overdue',
  'reflectionEndsAt',
  'stalled',
  'stalledSince',
] as const;

/** The caseload as CSV: every cell through the formula-injection guard of statistics/csv.ts. */
export function caseloadCsv(rows: readonly CaseloadRow[], now: Date): string {
  return toCsv(
    CASELOAD_COLUMNS,
    rows.map((r) => ({
      ...r,
      overdue: r.status === 'open' && r.earliestDueAt !== null && new Date(r.earliestDueAt) < now,
      stalled: r.stalledSince !== null,
    })),
  );
}

@Injectable()
export class CaseloadService {
  private readonly queries: CaseloadQueries;

  constructor(
    private readonly scopes: BoardScopeResolver,
    @Inject(DATA_SOURCE) ds: DataSource,
  ) {
    this.queries = new CaseloadQueries(ds);
  }

  async csv(actor: Actor, now = new Date()): Promise<string> {
    // Her organisation only, from the token (the supervision board's scope).
    const scope = await this.scopes.resolve('supervision', actor);
    if (scope.organisationId === undefined)
      throw new Error('supervision scope is one organisation');
    return caseloadCsv(await this.queries.caseload(scope.organisationId), now);
  }
}

@ApiTags('supervision')
@ApiBearerAuth()
@Roles(...BOARD_ROLES.supervision)
@Controller({ path: 'exports', version: '1' })
export class CaseloadController {
  constructor(private readonly caseload: CaseloadService) {}

  @Get('caseload')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="caseload.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'ExportCaseload',
    summary: "The organisation's caseload for its supervisor, as CSV (no personal data of hers)",
    description:
      "Every case of the organisation: reference, status, phase, pathway, the assignee's display " +
      'name, deadlines (next due, earliest due, overdue, end of reflection) and whether it is ' +
      'stalled (R19–R22). Every cell goes through the formula-injection guard. Audited ' +
      '(`export.caseload`).',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'RFC 4180 CSV', schema: { type: 'string' } })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'Supervisors only' })
  @Audited({ action: 'export.caseload', categories: ['case'], purpose: 'supervision' })
  export(@CurrentActor() actor: Actor): Promise<string> {
    return this.caseload.csv(actor);
  }
}
