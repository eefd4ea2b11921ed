import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { Audited } from '../audit';
import { CurrentActor, RequiresRecentAuthentication, Roles } from '../auth';
import { ProblemDto } from '../cases/cases.dto';
import {
  AdminUserDto,
  AdminUserListDto,
  CreateOrganisationDto,
  CreateUserDto,
  OrganisationDto,
  OrganisationIdParamDto,
  OrganisationListDto,
  UpdateOrganisationDto,
  UpdateUserDto,
  UserIdParamDto,
} from './admin.dto';
import { AdminService } from './admin.service';

const audited = (action: string) =>
  Audited({ action: `admin.${action}`, categories: [], purpose: 'administration' });

/**
 * User administration of one country: admins manage the organisations and accounts of their
 * country; auditors of the country read them (writes are the admin's only); nobody else sees
 * them. Every request is in the audit trail, by ids only.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin', 'auditor')
@Controller({ path: 'admin', version: '1' })
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('organisations')
  @Header('Cache-Control', 'no-store')
  @audited('organisation.list')
  @ApiOperation({ operationId: 'AdminListOrganisations', summary: 'Organisations of your country' })
  @ApiOkResponse({ type: OrganisationListDto })
  listOrganisations(@CurrentActor() actor: Actor): Promise<OrganisationListDto> {
    return this.admin.listOrganisations(actor);
  }

  @Post('organisations')
  @Roles('admin')
  @RequiresRecentAuthentication()
  @Header('Cache-Control', 'no-store')
  @audited('organisation.create')
  @ApiOperation({ operationId: 'AdminCreateOrganisation', summary: 'In your country' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  createOrganisation(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.admin.createOrganisation(actor, dto);
  }

  @Patch('organisations/:organisationId')
  @Roles('admin')
  @RequiresRecentAuthentication()
  @Header('Cache-Control', 'no-store')
  @audited('organisation.update')
  @ApiOperation({ operationId: 'AdminUpdateOrganisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Not an organisation of your country' })
  updateOrganisation(
    @CurrentActor() actor: Actor,
    @Param() p: OrganisationIdParamDto,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.admin.updateOrganisation(actor, p.organisationId, dto);
  }

  @Get('users')
  @Header('Cache-Control', 'no-store')
  @audited('user.list')
  @ApiOperation({ operationId: 'AdminListUsers', summary: 'Accounts of your country' })
  @ApiOkResponse({ type: AdminUserListDto })
  listUsers(@CurrentActor() actor: Actor): Promise<AdminUserListDto> {
    return this.admin.listUsers(actor);
  }

  @Get('users/:userId')
  @Header('Cache-Control', 'no-store')
  @audited('user.read')
  @ApiOperation({ operationId: 'AdminGetUser' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Not an account of your country' })
  getUser(@CurrentActor() actor: Actor, @Param() p: UserIdParamDto): Promise<AdminUserDto> {
    return this.admin.getUser(actor, p.userId);
  }

  @Post('users')
  @Roles('admin')
  @RequiresRecentAuthentication()
  @Header('Cache-Control', 'no-store')
  @audited('user.create')
  @ApiOperation({
    operationId: 'AdminCreateUser',
    summary: 'A new account without a password; she gets an invitation by e-mail',
  })
  @ApiCreatedResponse({ type: AdminUserDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'organisationId not of your country' })
  @ApiConflictResponse({ type: ProblemDto, description: 'duplicate-login or duplicate-email' })
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<AdminUserDto> {
    return this.admin.createUser(actor, dto);
  }

  @Patch('users/:userId')
  @Roles('admin')
  @RequiresRecentAuthentication()
  @Header('Cache-Control', 'no-store')
  @audited('user.update')
  @ApiOperation({
    operationId: 'AdminUpdateUser',
    summary: 'active: false deactivates her; her sessions and tokens stop working at once',
  })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'duplicate-email, admin-self-change' })
  updateUser(
    @CurrentActor() actor: Actor,
    @Param() p: UserIdParamDto,
    @Body() dto: UpdateUserDto,
  ): Promise<AdminUserDto> {
    return this.admin.updateUser(actor, p.userId, dto);
  }

  @Post('users/:userId/invitation')
  @Roles('admin')
  @RequiresRecentAuthentication()
  @HttpCode(HttpStatus.NO_CONTENT)
  @audited('user.invite')
  @ApiOperation({
    operationId: 'AdminSendInvitation',
    summary: 'A new invitation (or reset link, when she has a password); earlier links end',
  })
  @ApiNoContentResponse({ description: 'Queued' })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'user-inactive, user-without-email' })
  invite(@CurrentActor() actor: Actor, @Param() p: UserIdParamDto): Promise<void> {
    return this.admin.invite(actor, p.userId);
  }
}
