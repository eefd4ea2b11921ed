import { Body, Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
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
import { ProblemDto } from '../cases/cases.dto';
import { FindCasesDto, FindCasesResultDto } from './find.dto';
import { FindService } from './find.service';

@ApiTags('cases')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'cases', version: '1' })
export class FindController {
  constructor(private readonly finder: FindService) {}

  @Post('find')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'FindCases',
    summary: 'Find before you open: possible earlier cases of hers in your organisation',
    description:
      'By name, date of birth, phone or document number, compared through blind indexes (keyed ' +
      'HMACs of normalised values, a key per organisation): no plaintext is stored or searched. ' +
      'The values travel in the body, never in the URL.',
  })
  @ApiOkResponse({ type: FindCasesResultDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Nothing to look for, or a bad value' })
  @Audited({ action: 'case.find', categories: ['identity', 'contact-location'] })
  find(@CurrentActor() actor: Actor, @Body() dto: FindCasesDto): Promise<FindCasesResultDto> {
    return this.finder.find(actor, dto);
  }
}
