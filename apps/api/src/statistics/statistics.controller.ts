import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Roles } from '../auth';
import { BOARD_ROLES } from '../access';
import {
  IndicatorsDto,
  IndicatorsQueryDto,
  StatisticsDto,
  StatisticsQueryDto,
} from './statistics.dto';
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

  /** Anonymised figures, as the counts above: not an audited access. */
  @Get('indicators')
  @ApiOperation({
    summary:
      'P8: the indicators a network reports on, over the cases opened in the window; small cells suppressed',
    description:
      'Time from referral to identification (median, p90, days), reflection periods granted in ' +
      'full, services offered and provided per kind, departures with a departure risk ' +
      'assessment, follow-ups done per the schedule of the country policy (R17), open cases ' +
      'per caseworker (now). ' +
      'Computed by SQL aggregates over the summary read model and the indexed event types.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: IndicatorsDto })
  async indicators(
    @CurrentActor() actor: Actor,
    @Query() q: IndicatorsQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IndicatorsDto | string> {
    const result = await this.statistics.indicators(actor, q);
    res.setHeader('Vary', 'Accept');
    res.setHeader('Statistics-Threshold', String(result.threshold));
    const csv =
      q.format === 'csv' ||
      (q.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!csv) return result;
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="indicators.csv"');
    return this.statistics.indicatorsCsv(result);
  }
}
