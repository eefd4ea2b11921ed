import {
  Body,
  Controller,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { type CaseId, CaseIdParam } from '../../access';
import { Audited } from '../../audit';
import { CurrentActor, RequiresRecentAuthentication, Roles } from '../../auth';
import { ProblemDto } from '../../cases/cases.dto';
import { SubjectDataExportDto } from '../exports.dto';
import { SubjectDataService } from './subject-data.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller({ path: 'cases', version: '1' })
export class SubjectDataController {
  constructor(private readonly subjectData: SubjectDataService) {}

  @Post(':caseId/exports/subject-data')
  @Roles('caseworker', 'supervisor')
  @RequiresRecentAuthentication()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'ExportSubjectData',
    summary: 'Her own data (GDPR Art. 15, 20): a PDF in her language and JSON, in an encrypted zip',
    description:
      'For her caseworker (or a supervisor of the organisation) to hand over to her. The zip ' +
      '(AES-256, the password given in the body, never stored) holds subject-data.pdf (her data ' +
      'per category, what happened in plain words, who holds it, her rights, in `language`) and ' +
      'subject-data.json (the same events as GET /cases/{id}/timeline, in the same order). ' +
      'Needs a recent sign-in (401 reauthentication-required otherwise). Recorded in the audit ' +
      'trail (`case.export.subject-data`: who, which case, when; no content). The file is named ' +
      'by the case reference and the day.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The encrypted zip', schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'language or password not valid' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such case, or not yours to see (P3)' })
  @Audited({
    action: 'case.export.subject-data',
    categories: [
      'case',
      'identity',
      'contact-location',
      'health',
      'legal',
      'immigration',
      'return',
      'notes',
    ],
    purpose: 'data-subject-access',
  })
  async export(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
    @Body() dto: SubjectDataExportDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const out = await this.subjectData.export(actor, caseId, dto.language, dto.password);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${out.filename}"`);
    return new StreamableFile(out.archive);
  }
}
