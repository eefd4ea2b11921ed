import { Body } from '@nestjs/common';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import { CommandController, CommandRoute, type CommandTarget, Target } from './command-route';
import {
  ExecuteReturnDto,
  RecordAssistingContactsGivenDto,
  RecordFollowUpDto,
  RecordLegalStatusConsideredDto,
  RecordReintegrationFundingApprovedDto,
  RecordReintegrationPlanDto,
  RecordReTraffickingRiskDto,
  RecordReturnFinancialAssistanceDto,
  RecordTravelArrangedDto,
} from './departure.dto';
import { withPersonal } from './personal.dto';

/**
 * Return or third-country settlement through the R14 gate (R16), and follow-up after return
 * (R17). GET /cases/{id}/readiness shows what the gate still misses.
 */
@CommandController('departure-and-follow-up')
export class DepartureController {
  constructor(private readonly cases: CaseCommandsService) {}

  @CommandRoute('RecordReintegrationPlan')
  reintegrationPlan(
    @Target() t: CommandTarget,
    @Body() dto: RecordReintegrationPlanDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordReintegrationPlan',
      pathway: dto.pathway,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordReintegrationFundingApproved')
  fundingApproved(
    @Target() t: CommandTarget,
    @Body() dto: RecordReintegrationFundingApprovedDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordReintegrationFundingApproved',
      pathway: dto.pathway,
    });
  }

  @CommandRoute('RecordAssistingContactsGiven')
  contactsGiven(
    @Target() t: CommandTarget,
    @Body() dto: RecordAssistingContactsGivenDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordAssistingContactsGiven',
      pathway: dto.pathway,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordLegalStatusConsidered')
  legalStatusConsidered(
    @Target() t: CommandTarget,
    @Body() dto: RecordLegalStatusConsideredDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordLegalStatusConsidered',
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordTravelArranged')
  travel(
    @Target() t: CommandTarget,
    @Body() dto: RecordTravelArrangedDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordTravelArranged',
      pathway: dto.pathway,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('ExecuteReturn')
  execute(@Target() t: CommandTarget, @Body() _dto: ExecuteReturnDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'ExecuteReturn' });
  }

  @CommandRoute('RecordFollowUp')
  followUp(@Target() t: CommandTarget, @Body() dto: RecordFollowUpDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordFollowUp',
      contact: dto.contact,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordReturnFinancialAssistance')
  financialAssistance(
    @Target() t: CommandTarget,
    @Body() dto: RecordReturnFinancialAssistanceDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordReturnFinancialAssistance',
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordReTraffickingRisk')
  reTraffickingRisk(
    @Target() t: CommandTarget,
    @Body() dto: RecordReTraffickingRiskDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'RecordReTraffickingRisk', risk: dto.risk });
  }
}
