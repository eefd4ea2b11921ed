import { Body, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { CaseAccess, type CaseId, CaseIdParam } from '../access';
import { Audited } from '../audit';
import { CurrentActor } from '../auth';
import type { CaseSummaryDto } from '../cases/cases.dto';
import { CaseCommandsService } from '../cases/case-commands.service';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import {
  CommandController,
  CommandRoute,
  type CommandTarget,
  Target,
} from '../cases/commands/command-route';
import { RefusedFactsDto, ResolveRefusedFactDto } from './integration.dto';

/** R30: partner facts a rule refused, as her caseworker sees and resolves them. */
@CommandController('case-management')
export class RefusedFactsController {
  constructor(
    private readonly cases: CaseCommandsService,
    private readonly access: CaseAccess,
    private readonly workflows: CaseWorkflowClient,
  ) {}

  @Get(':caseId/refused-facts')
  @ApiOperation({
    operationId: 'ListRefusedFacts',
    summary: 'Partner facts a rule refused and nobody has resolved yet (R30)',
  })
  @ApiOkResponse({ type: RefusedFactsDto })
  @Audited({ action: 'case.refused-facts.read', categories: ['case'] })
  async list(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
  ): Promise<RefusedFactsDto> {
    await this.access.require(actor, caseId, 'case.read');
    const state = await this.workflows.state(caseId);
    const items = state.status === 'none' ? [] : [...(state.refusedFacts ?? [])];
    return { caseId, items };
  }

  @CommandRoute('ResolveRefusedFact')
  resolve(@Target() t: CommandTarget, @Body() dto: ResolveRefusedFactDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'ResolveRefusedFact', factId: dto.factId });
  }
}
