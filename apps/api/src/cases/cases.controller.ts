import {
  Body,
  Controller,
  Get,
  Headers,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Roles } from '../auth';
import { problem } from '../common/problem';
import {
  CaseSummaryDto,
  OpenCaseDto,
  RecordIdentificationDto,
  TimelineEntryDto,
} from './cases.dto';
import { CasesService, type RequestContext } from './cases.service';

const caseIdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case'),
});

function etag(version: number): string {
  return `"${version}"`;
}

function context(req: Request, idempotencyKey?: string, ifMatch?: string): RequestContext {
  let expectedVersion: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
    if (!m) {
      throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'If-Match must be an ETag', {
        errors: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }],
      });
    }
    expectedVersion = Number(m[1]);
  }
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(idempotencyKey)) {
    throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'Idempotency-Key is not valid', {
      errors: [{ field: 'Idempotency-Key', message: 'must be 8 to 128 letters, digits, _ or -' }],
    });
  }
  const requestId = String((req as Request & { id?: unknown }).id ?? randomUUID());
  return { requestId, idempotencyKey, expectedVersion };
}

@ApiTags('cases')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'cases', version: '1' })
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CaseSummaryDto })
  async open(
    @CurrentActor() actor: Actor,
    @Body() dto: OpenCaseDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CaseSummaryDto> {
    const summary = await this.cases.open(actor, dto, context(req, idempotencyKey));
    res.location(`/api/v1/cases/${summary.caseId}`).setHeader('ETag', etag(summary.version));
    return summary;
  }

  @Get(':caseId')
  @ApiOkResponse({ type: CaseSummaryDto })
  async get(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseIdPipe) caseId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseSummaryDto> {
    const summary = await this.cases.get(actor, caseId);
    res.setHeader('ETag', etag(summary.version));
    return summary;
  }

  @Get(':caseId/timeline')
  @ApiOkResponse({ type: [TimelineEntryDto] })
  timeline(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseIdPipe) caseId: string,
  ): Promise<TimelineEntryDto[]> {
    return this.cases.timeline(actor, caseId);
  }

  /** R1: record the reasonable-grounds decision; a positive one starts reflection (R7). */
  @Post(':caseId/identification')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: CaseSummaryDto })
  async identification(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseIdPipe) caseId: string,
    @Body() dto: RecordIdentificationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseSummaryDto> {
    const summary = await this.cases.command(
      actor,
      caseId,
      { type: 'RecordIdentification', outcome: dto.outcome },
      context(req, idempotencyKey, ifMatch),
    );
    res.status(HttpStatus.OK).setHeader('ETag', etag(summary.version));
    return summary;
  }
}
