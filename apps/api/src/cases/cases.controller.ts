import { Body, Controller, Get, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { type CaseId, CaseIdParam } from '../access';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import {
  AvailableActionsDto,
  CaseSummaryDto,
  DeadlinesDto,
  OpenCaseDto,
  ProblemDto,
  ReadinessDto,
  TimelineEntryDto,
} from './cases.dto';
import { CaseCommandsService } from './case-commands.service';
import { CaseReadsService } from './case-reads.service';
import { CaseETagInterceptor } from './etag.interceptor';
import { requestContext } from './request-context';

/**
 * Opening and reading cases. The commands on a case live in ./commands, one controller per
 * phase of the journey.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@UseInterceptors(CaseETagInterceptor)
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such case, or not yours to see (P3)' })
@Controller({ path: 'cases', version: '1' })
export class CasesController {
  constructor(
    private readonly commands: CaseCommandsService,
    private readonly reads: CaseReadsService,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'OpenCase', summary: 'Open a case; no personal data needed (P6)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CaseSummaryDto })
  @Audited({ action: 'case.open', categories: ['case'] })
  async open(
    @CurrentActor() actor: Actor,
    @Body() dto: OpenCaseDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseSummaryDto> {
    const summary = await this.commands.open(actor, dto, requestContext(req));
    res.location(`/api/v1/cases/${summary.caseId}`);
    return summary;
  }

  @Get(':caseId')
  @ApiOperation({ summary: 'The case summary (ETag: its version)' })
  @ApiOkResponse({ type: CaseSummaryDto })
  @Audited({ action: 'case.read', categories: ['case'] })
  get(@CurrentActor() actor: Actor, @CaseIdParam() caseId: CaseId): Promise<CaseSummaryDto> {
    return this.reads.get(actor, caseId);
  }

  @Get(':caseId/timeline')
  @ApiOperation({
    summary: 'The case’s events in order, her personal data decrypted for you (P7: or erased)',
  })
  @ApiOkResponse({ type: [TimelineEntryDto] })
  @Audited({
    action: 'case.timeline.read',
    categories: [
      'case',
      'identity',
      'contact-location',
      'health',
      'legal',
      'immigration',
      'return',
      'notes',
    ],
  })
  timeline(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
  ): Promise<TimelineEntryDto[]> {
    return this.reads.timeline(actor, caseId);
  }

  @Get(':caseId/actions')
  @ApiOperation({
    summary: 'The commands you may issue on this case now, with their paths',
    description:
      'Computed from the live workflow state by the domain itself (availableActions), so it ' +
      'never offers what a rule would refuse at this moment.',
  })
  @ApiOkResponse({ type: AvailableActionsDto })
  @Audited({ action: 'case.actions.read', categories: ['case'] })
  actions(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
  ): Promise<AvailableActionsDto> {
    return this.reads.actions(actor, caseId);
  }

  @Get(':caseId/deadlines')
  @ApiOperation({ summary: 'R19, R20: every obligation with its due date, reminder, escalation' })
  @ApiOkResponse({ type: DeadlinesDto })
  @Audited({ action: 'case.deadlines.read', categories: ['case'] })
  deadlines(@CurrentActor() actor: Actor, @CaseIdParam() caseId: CaseId): Promise<DeadlinesDto> {
    return this.reads.deadlines(actor, caseId);
  }

  @Get(':caseId/readiness')
  @ApiOperation({ summary: 'R14, R16: the return-readiness checklist, judged now' })
  @ApiOkResponse({ type: ReadinessDto })
  @Audited({ action: 'case.readiness.read', categories: ['case'] })
  readiness(@CurrentActor() actor: Actor, @CaseIdParam() caseId: CaseId): Promise<ReadinessDto> {
    return this.reads.readiness(actor, caseId);
  }
}
