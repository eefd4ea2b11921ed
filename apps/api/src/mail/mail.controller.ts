import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Public, Roles } from '../auth';
import {
  CalendarFeedDto,
  CalendarFeedStateDto,
  FailedMessagesDto,
  OutboxQueryDto,
  PreferencesDto,
  UpdatePreferencesDto,
} from './mail.dto';
import { MailService } from './mail.service';

@ApiTags('mail')
@ApiBearerAuth()
@Controller({ path: 'me', version: '1' })
export class MyMailController {
  constructor(private readonly mail: MailService) {}

  @Get('notification-preferences')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Your e-mail per kind (immediate, daily digest, none) and digest hour' })
  @ApiOkResponse({ type: PreferencesDto })
  get(@CurrentActor() actor: Actor): Promise<PreferencesDto> {
    return this.mail.getPreferences(actor);
  }

  @Put('notification-preferences')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Change your e-mail preferences (escalations cannot be switched off: R20)',
  })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiBadRequestResponse({ description: 'A bad value, or escalation: none (rule R20)' })
  put(@CurrentActor() actor: Actor, @Body() body: UpdatePreferencesDto): Promise<PreferencesDto> {
    return this.mail.updatePreferences(actor, body);
  }

  @Get('calendar-feed')
  @Header('Cache-Control', 'no-store')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Whether you have a calendar feed (its URL is shown only once)' })
  @ApiOkResponse({ type: CalendarFeedStateDto })
  feedState(@CurrentActor() actor: Actor): Promise<CalendarFeedStateDto> {
    return this.mail.feedState(actor);
  }

  @Post('calendar-feed')
  @Header('Cache-Control', 'no-store')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    summary: 'Create or replace your calendar feed of deadlines; answers its secret URL once',
  })
  @ApiCreatedResponse({ type: CalendarFeedDto })
  createFeed(@CurrentActor() actor: Actor): Promise<CalendarFeedDto> {
    return this.mail.createFeed(actor);
  }

  @Delete('calendar-feed')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Revoke your calendar feed: its URL answers 404 from now on' })
  @ApiNoContentResponse()
  revokeFeed(@CurrentActor() actor: Actor): Promise<void> {
    return this.mail.revokeFeed(actor);
  }
}

@ApiTags('mail')
@Controller({ path: 'calendar', version: '1' })
export class CalendarController {
  constructor(private readonly mail: MailService) {}

  /** Public: calendars cannot send a bearer token. The secret URL is the credential. */
  @Public()
  @Get(':file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ summary: 'A calendar feed of deadlines (iCalendar), by its secret URL' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545)', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown or revoked feed' })
  feed(@Param('file') file: string): Promise<string> {
    return this.mail.feed(file);
  }
}

@ApiTags('mail')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin/outbox', version: '1' })
export class OutboxAdminController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Messages of your country’s organisations that could not be delivered (no bodies)',
  })
  @ApiOkResponse({ type: FailedMessagesDto })
  list(@CurrentActor() actor: Actor, @Query() q: OutboxQueryDto): Promise<FailedMessagesDto> {
    return this.mail.failed(actor, q.limit ?? 100);
  }
}
