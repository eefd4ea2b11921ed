import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Roles } from '../auth';
import { OrganisationDirectoryDto } from './directory.dto';
import { OrganisationsService } from './organisations.service';

/**
 * Organisation names for boards, statistics and the audit trail, which otherwise show opaque
 * ids. Not the administration of organisations (that is /admin/organisations).
 */
@ApiTags('directory')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor', 'coordinator', 'admin', 'auditor')
@Controller({ path: 'organisations', version: '1' })
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'ListOrganisations',
    summary: 'The organisations you may see on your boards: id, name, type, country',
  })
  @ApiOkResponse({ type: OrganisationDirectoryDto })
  list(@CurrentActor() actor: Actor): Promise<OrganisationDirectoryDto> {
    return this.organisations.list(actor);
  }
}
