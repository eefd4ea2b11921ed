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
import { BOARD_ROLES } from '../access';
import { ProblemDto } from '../cases/cases.dto';
import {
  ReadinessCountsDto,
  ReadinessPageDto,
  ReferralPageDto,
  ReferralsQueryDto,
  ReturnReadinessQueryDto,
} from './coordination.dto';
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

  @Get('referrals')
  @Header('Cache-Control', 'no-store')
  @Audited({
    action: 'coordination.referrals.read',
    categories: ['case'],
    purpose: 'coordination',
  })
  @ApiOperation({
    operationId: 'ListCrossBorderReferrals',
    summary: 'R18: cross-border referrals of the cases of your country, with their answers',
    description:
      'The most recently sent first; keyset-paginated (follow nextCursor). No personal data: ' +
      'the data categories that travelled, not their values.',
  })
  @ApiOkResponse({ type: ReferralPageDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A filter or the cursor is not valid' })
  referrals(@CurrentActor() actor: Actor, @Query() q: ReferralsQueryDto): Promise<ReferralPageDto> {
    return this.coordination.crossBorderReferrals(actor, q);
  }
}
