import {
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@ariadne/domain';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { ProblemDto } from '../cases/cases.dto';
import { requestContext } from '../cases/request-context';
import { MAX_TEMPLATE_BYTES, XLSX_TYPE } from '../common/body-parsing';
import { problem } from '../common/problem';
import {
  HtcdsExportDto,
  HtcdsExportQueryDto,
  HtcdsImportQueryDto,
  HtcdsImportReportDto,
} from './htcds.dto';
import { htcdsCsv, HtcdsService } from './htcds.service';

@ApiTags('htcds')
@ApiBearerAuth()
@Controller({ path: 'htcds', version: '1' })
export class HtcdsController {
  constructor(private readonly htcds: HtcdsService) {}

  /**
   * De-identified: no name, contact, address, birth date or id of her, of staff or of the case;
   * ages as bands, dates to the month, k-anonymous. So no re-authentication is asked for.
   */
  @Get('export')
  @Roles('coordinator')
  @Header('Cache-Control', 'no-store')
  @Audited({ action: 'htcds.export', categories: ['case', 'identity'], purpose: 'coordination' })
  @ApiOperation({
    operationId: 'ExportHtcds',
    summary: 'HTCDS 2.0 de-identified case-level export of your country (JSON or CSV)',
    description:
      'Column names and value names of the Human Trafficking Case Data Standard (HTCDS) 2.0 by ' +
      'IOM (CC BY 4.0). k-anonymity on age band, gender, citizenship and country: coarser age ' +
      'bands, then citizenship and gender withheld, then rare rows left out. CSV: three "#" ' +
      'lines of metadata, then the header row; every cell through the formula-injection guard.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: HtcdsExportDto })
  @ApiResponse({ status: 400, type: ProblemDto, description: 'A query parameter is not valid' })
  async export(
    @CurrentActor() actor: Actor,
    @Query() q: HtcdsExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HtcdsExportDto | string> {
    const k = q.k ?? 5;
    const result = await this.htcds.export(actor, {
      k,
      ...(q.organisationId && { organisationId: q.organisationId }),
    });
    res.setHeader('HTCDS-Version', '2.0');
    if (q.format !== 'csv') {
      return {
        metadata: { ...result.metadata, quasiIdentifiers: [...result.metadata.quasiIdentifiers] },
        rows: result.rows.map((r) => ({ ...r })),
      };
    }
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="htcds-2.0-export.csv"');
    return htcdsCsv(result);
  }

  @Post('import')
  @Roles('supervisor')
  @HttpCode(HttpStatus.OK)
  @Audited({ action: 'htcds.import', categories: ['case', 'identity', 'contact-location'] })
  @ApiOperation({
    operationId: 'ImportHtcdsTemplate',
    summary: "Import your organisation's cases from the HTCDS 2.0 Excel template (dry run first)",
    description:
      'Body: the .xlsx file itself (Content-Type ' +
      XLSX_TYPE +
      `, at most ${MAX_TEMPLATE_BYTES} bytes). ` +
      'dryRun=true (default) reports every refused row with the column and rule id, never a ' +
      'value; dryRun=false opens each accepted case through the normal commands. Idempotent: ' +
      'rows this organisation imported before are counted, not imported again.',
  })
  @ApiConsumes(XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: HtcdsImportReportDto })
  @ApiResponse({ status: 413, type: ProblemDto, description: 'The file or its rows are too many' })
  @ApiResponse({ status: 415, type: ProblemDto, description: 'Not an .xlsx body' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Not the HTCDS template' })
  async import(
    @CurrentActor() actor: Actor,
    @Query() q: HtcdsImportQueryDto,
    @Req() req: Request,
  ): Promise<HtcdsImportReportDto> {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported-media-type',
        'Send the .xlsx file',
        {
          detail: `Content-Type ${XLSX_TYPE}, the file as the body.`,
        },
      );
    }
    const report = await this.htcds.import(
      actor,
      body,
      { dryRun: q.dryRun !== 'false' },
      requestContext(req),
    );
    return {
      ...report,
      refused: report.refused.map((r) => ({ ...r })),
      caseIds: [...report.caseIds],
    };
  }
}
