import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { problem } from '../common/problem';
import { ProblemDto } from '../cases/cases.dto';
import {
  PartnerDto,
  PartnerListDto,
  RegisteredPartnerDto,
  RegisterPartnerDto,
} from './integration.dto';
import { PartnersService } from './partners.service';

const audited = (action: string) =>
  Audited({ action: `admin.${action}`, categories: [], purpose: 'administration' });

const PARTNER_ID = /^partner-[a-z]{2}-[0-9a-f]{12}$/;

/**
 * R30: the partner systems of the admin's country (auditors of the country read the list). Every
 * request is in the audit trail, by ids only.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin', 'auditor')
@Controller({ path: 'admin/partners', version: '1' })
export class PartnersAdminController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @audited('partner.list')
  @ApiOperation({ operationId: 'AdminListPartners', summary: 'Partner systems of your country' })
  @ApiOkResponse({ type: PartnerListDto })
  list(@CurrentActor() actor: Actor): Promise<PartnerListDto> {
    return this.partners.list(actor) as Promise<PartnerListDto>;
  }

  @Post()
  @Roles('admin')
  @Header('Cache-Control', 'no-store')
  @audited('partner.register')
  @ApiOperation({
    operationId: 'AdminRegisterPartner',
    summary: 'Register a partner system of your country; its secret is shown this once',
  })
  @ApiCreatedResponse({ type: RegisteredPartnerDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  register(
    @CurrentActor() actor: Actor,
    @Body() dto: RegisterPartnerDto,
  ): Promise<RegisteredPartnerDto> {
    return this.partners.register(actor, dto) as Promise<RegisteredPartnerDto>;
  }

  @Post(':partnerId/revocation')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @audited('partner.revoke')
  @ApiOperation({ operationId: 'AdminRevokePartner', summary: 'Revoke a partner system at once' })
  @ApiParam({ name: 'partnerId', example: 'partner-se-0123456789ab' })
  @ApiOkResponse({ type: PartnerDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  revoke(@CurrentActor() actor: Actor, @Param('partnerId') partnerId: string): Promise<PartnerDto> {
    if (!PARTNER_ID.test(partnerId)) {
      throw problem(HttpStatus.NOT_FOUND, 'partner-not-found', 'No such partner in your country', {
        errors: [{ field: 'partnerId', message: 'no partner of your country has this id' }],
      });
    }
    return this.partners.revoke(actor, partnerId) as Promise<PartnerDto>;
  }
}
