import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { CaseBoardQueryDto, OverduePageDto, StalledPageDto, WorkloadPageDto } from './board.dto';
import { BOARD_ROLES } from '../access';
import { SupervisionService } from './supervision.service';

const audited = (list: string) =>
  Audited({ action: `supervision.${list}.read`, categories: ['case'], purpose: 'supervision' });

@ApiTags('supervision')
@ApiBearerAuth()
@Roles(...BOARD_ROLES.supervision)
@Controller({ path: 'supervision', version: '1' })
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('stalled')
  @audited('stalled')
  @ApiOperation({ summary: 'R21: open cases of your organisation flagged stalled, oldest first' })
  @ApiOkResponse({ type: StalledPageDto })
  stalled(@CurrentActor() actor: Actor, @Query() q: CaseBoardQueryDto): Promise<StalledPageDto> {
    return this.supervision.stalled(actor, q);
  }

  @Get('overdue')
  @audited('overdue')
  @ApiOperation({
    summary:
      'R19/R20: open cases of your organisation with an overdue obligation, most overdue first',
  })
  @ApiOkResponse({ type: OverduePageDto })
  overdue(@CurrentActor() actor: Actor, @Query() q: CaseBoardQueryDto): Promise<OverduePageDto> {
    return this.supervision.overdue(actor, q);
  }

  @Get('workload')
  @audited('workload')
  @ApiOperation({
    summary:
      'R22: per active caseworker and supervisor of your organisation, open, stalled and overdue cases',
  })
  @ApiOkResponse({ type: WorkloadPageDto })
  workload(@CurrentActor() actor: Actor, @Query() q: CaseBoardQueryDto): Promise<WorkloadPageDto> {
    return this.supervision.workload(actor, q);
  }
}
