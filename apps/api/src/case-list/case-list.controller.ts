import { Controller, Get, Header, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { ProblemDto } from '../cases/cases.dto';
import { CaseListPageDto, ListCasesQueryDto } from './case-list.dto';
import { CaseListService } from './case-list.service';

@ApiTags('cases')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'cases', version: '1' })
export class CaseListController {
  constructor(private readonly cases: CaseListService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'ListCases',
    summary: 'Your cases (P3): assigned to you, or your organisation’s for a supervisor',
    description:
      'Sorted by the next deadline (R19: the earliest obligation not yet met; none last), then ' +
      'case id. Keyset-paginated: follow nextCursor until it is null. `q` finds a case reference ' +
      'by its beginning.',
  })
  @ApiOkResponse({ type: CaseListPageDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A filter or the cursor is not valid' })
  @Audited({ action: 'case.list.read', categories: ['case'] })
  list(@CurrentActor() actor: Actor, @Query() q: ListCasesQueryDto): Promise<CaseListPageDto> {
    return this.cases.list(actor, q);
  }
}
