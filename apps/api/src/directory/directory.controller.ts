import { Controller, Get, Header, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Roles } from '../auth';
import { ProblemDto } from '../cases/cases.dto';
import { DirectoryPageDto, DirectoryQueryDto } from './directory.dto';
import { DirectoryService } from './directory.service';

@ApiTags('directory')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor', 'coordinator', 'admin', 'auditor')
@Controller({ path: 'users', version: '1' })
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'ListUsers',
    summary: 'The staff of your organisation: id, display name, role, active (names on boards)',
  })
  @ApiOkResponse({ type: DirectoryPageDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  list(@CurrentActor() actor: Actor, @Query() q: DirectoryQueryDto): Promise<DirectoryPageDto> {
    return this.directory.list(actor, q);
  }
}
