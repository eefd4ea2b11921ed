import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Roles } from '../auth';
import { BOARD_ROLES } from '../access';
import { StatisticsDto, StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@ApiBearerAuth()
@Roles(...BOARD_ROLES.statistics)
@Controller({ path: 'statistics', version: '1' })
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  /** Anonymised counts carry no case and no id, so reading them is not an audited access. */
  @Get('cases')
  @ApiOperation({
    summary:
      'P8: case counts grouped by country, phase, pathway, referralSource and/or status; small cells suppressed',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StatisticsDto })
  async cases(
    @CurrentActor() actor: Actor,
    @Query() q: StatisticsQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StatisticsDto | string> {
    const result = await this.statistics.cases(actor, q);
    res.setHeader('Vary', 'Accept');
    res.setHeader('Statistics-Threshold', String(result.threshold));
    res.setHeader('Statistics-Withheld', String(result.withheld));
    const csv =
      q.format === 'csv' ||
      (q.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!csv) return result;
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="case-statistics.csv"');
    return this.statistics.toCsv(result);
  }
}
