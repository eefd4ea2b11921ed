import { Body } from '@nestjs/common';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import { CommandController, CommandRoute, type CommandTarget, Target } from './command-route';
import { EndReflectionPeriodEarlyDto, ExtendReflectionPeriodDto } from './reflection.dto';
import { RequiresRecentAuthentication } from '../../auth';

/**
 * Recovery & reflection (R7, R8). The period starts with reasonable grounds and ends by its own
 * timer; people may only lengthen it, or a supervisor end it early for the reasons CoE 13(3) allows.
 */
@CommandController('reflection')
export class ReflectionController {
  constructor(private readonly cases: CaseCommandsService) {}

  @CommandRoute('ExtendReflectionPeriod')
  extend(
    @Target() t: CommandTarget,
    @Body() dto: ExtendReflectionPeriodDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'ExtendReflectionPeriod', totalPeriod: dto.totalPeriod });
  }

  @CommandRoute('EndReflectionPeriodEarly')
  @RequiresRecentAuthentication()
  endEarly(
    @Target() t: CommandTarget,
    @Body() dto: EndReflectionPeriodEarlyDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'EndReflectionPeriodEarly', reason: dto.reason });
  }
}
