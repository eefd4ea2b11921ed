import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@ariadne/domain';
import { type CaseId, CaseIdParam } from '../access';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { ProblemDto } from '../cases/cases.dto';
import { PersonDto, PersonQueryDto } from './person.dto';
import { PersonService } from './person.service';

const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;

@ApiTags('cases')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'cases', version: '1' })
export class PersonController {
  constructor(private readonly person: PersonService) {}

  @Get(':caseId/person')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'GetPerson',
    summary: 'Her current details: the latest value of each field, per data category (P3)',
    description:
      'Decrypted for you. Health, legal and contact-location come folded (present, no values) ' +
      'unless asked for with `category`; on a record restricted by the protection measure ' +
      '`restricted-record-access` they are left out for anyone but the assigned caseworker and ' +
      'the supervisors of the organisation. Every category revealed is recorded in the audit ' +
      'trail (`case.person.reveal`).',
  })
  @ApiOkResponse({ type: PersonDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such case, or not yours to see (P3)' })
  @Audited({ action: 'case.person.read', categories: ['case'] })
  get(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
    @Query() q: PersonQueryDto,
    @Req() req: Request,
  ): Promise<PersonDto> {
    const id = String((req as { id?: unknown }).id ?? '');
    return this.person.person(actor, caseId, q.category, REQUEST_ID.test(id) ? id : null);
  }
}
