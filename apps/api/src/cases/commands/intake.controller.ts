import { Body } from '@nestjs/common';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import { CommandController, CommandRoute, type CommandTarget, Target } from './command-route';
import {
  RecordConclusiveIdentificationDto,
  RecordIdentificationDto,
  RecordImmediateNeedDto,
  RecordImmediateNeedMetDto,
  RecordPersonDetailsDto,
} from './intake.dto';
import { toPersonal } from './personal.dto';

/** Referral & intake: help before decisions (R2), the reasonable-grounds decision (R1). */
@CommandController('intake')
export class IntakeController {
  constructor(private readonly cases: CaseCommandsService) {}

  @CommandRoute('RecordPersonDetails')
  personDetails(
    @Target() t: CommandTarget,
    @Body() dto: RecordPersonDetailsDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordPersonDetails',
      personal: toPersonal(dto.personal) ?? {},
    });
  }

  @CommandRoute('RecordImmediateNeed')
  immediateNeed(
    @Target() t: CommandTarget,
    @Body() dto: RecordImmediateNeedDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'RecordImmediateNeed', need: dto.need });
  }

  @CommandRoute('RecordImmediateNeedMet')
  immediateNeedMet(
    @Target() t: CommandTarget,
    @Body() dto: RecordImmediateNeedMetDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'RecordImmediateNeedMet', need: dto.need });
  }

  @CommandRoute('RecordIdentification')
  identification(
    @Target() t: CommandTarget,
    @Body() dto: RecordIdentificationDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordIdentification',
      outcome: dto.outcome,
      decidedBy: dto.decidedBy,
    });
  }

  @CommandRoute('RecordConclusiveIdentification')
  conclusiveIdentification(
    @Target() t: CommandTarget,
    @Body() dto: RecordConclusiveIdentificationDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordConclusiveIdentification',
      outcome: dto.outcome,
      decidedBy: dto.decidedBy,
    });
  }
}
