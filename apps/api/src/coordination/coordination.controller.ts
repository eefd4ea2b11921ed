import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { BOARD_ROLES } from '../access';
import { ReadinessCountsDto, ReadinessPageDto, ReturnReadinessQueryDto } from './coordination.dto';
import { CoordinationService } from './coordination.service';

@ApiTags('coordination')
@ApiBearerAuth()
@Roles(...BOARD_ROLES.coordination)
@Controller({ path: 'coordination', version: '1' })
export class CoordinationController {
  constructor(private readonly coordination: CoordinationService) {}

  @Get('return-readiness')
  @Audited({
    action: 'coordination.return-readiness.read',
    categories: ['case'],
    purpose: 'coordination',
  })
  @ApiOperation({
    summary:
      'R14/R16: open cases on a return or third-country path in your country, with what is missing',
  })
  @ApiOkResponse({ type: ReadinessPageDto })
  returnReadiness(
    @CurrentActor() actor: Actor,
    @Query() q: ReturnReadinessQueryDto,
  ): Promise<ReadinessPageDto> {
    return this.coordination.returnReadiness(actor, q);
  }

  @Get('return-readiness/counts')
  @Audited({
    action: 'coordination.return-readiness.counts',
    categories: ['case'],
    purpose: 'coordination',
  })
  @ApiOperation({ summary: 'The return-readiness board counted per organisation of your country' })
  @ApiOkResponse({ type: ReadinessCountsDto })
  counts(@CurrentActor() actor: Actor): Promise<ReadinessCountsDto> {
    return this.coordination.counts(actor);
  }
}
