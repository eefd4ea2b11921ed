import { Body } from '@nestjs/common';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import { CommandController, CommandRoute, type CommandTarget, Target } from './command-route';
import {
  AgreeIntegrationPlanDto,
  ApplyForResidencePermitDto,
  RecordAsylumClaimDto,
  RecordMilestoneReachedDto,
  RecordPathwayChoiceDto,
  RecordResidencePermitDecisionDto,
} from './pathway.dto';
import { withPersonal } from './personal.dto';
import { given, toCommunication } from './validation';

/** Her pathway (R12), integration (R13) and her residence (R11). */
@CommandController('pathway-and-integration')
export class PathwayController {
  constructor(private readonly cases: CaseCommandsService) {}

  @CommandRoute('RecordPathwayChoice')
  pathway(
    @Target() t: CommandTarget,
    @Body() dto: RecordPathwayChoiceDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordPathwayChoice',
      pathway: dto.pathway,
      communication: toCommunication(dto.communication),
    });
  }

  @CommandRoute('AgreeIntegrationPlan')
  integrationPlan(
    @Target() t: CommandTarget,
    @Body() dto: AgreeIntegrationPlanDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'AgreeIntegrationPlan', milestones: dto.milestones });
  }

  @CommandRoute('RecordMilestoneReached')
  milestone(
    @Target() t: CommandTarget,
    @Body() dto: RecordMilestoneReachedDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'RecordMilestoneReached', milestone: dto.milestone });
  }

  @CommandRoute('ApplyForResidencePermit')
  permitApplication(
    @Target() t: CommandTarget,
    @Body() dto: ApplyForResidencePermitDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'ApplyForResidencePermit',
      ground: dto.ground,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordResidencePermitDecision')
  permitDecision(
    @Target() t: CommandTarget,
    @Body() dto: RecordResidencePermitDecisionDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordResidencePermitDecision',
      outcome: dto.outcome,
      ...(dto.outcome === 'granted' && { expiresAt: given(dto.expiresAt, 'expiresAt') }),
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordAsylumClaim')
  asylumClaim(
    @Target() t: CommandTarget,
    @Body() dto: RecordAsylumClaimDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordAsylumClaim',
      status: dto.status,
      ...withPersonal(dto.personal),
    });
  }
}
