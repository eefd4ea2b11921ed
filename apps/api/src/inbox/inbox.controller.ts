import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@ariadne/domain';
import { CurrentActor, Roles } from '../auth';
import { InboxDto, InboxItemDto, InboxQueryDto } from './inbox.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'inbox', version: '1' })
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({
    summary: 'Your reminders (R20), and for supervisors escalations (R20) and stalled cases (R21)',
  })
  @ApiOkResponse({ type: InboxDto })
  list(@CurrentActor() actor: Actor, @Query() q: InboxQueryDto): Promise<InboxDto> {
    return this.inbox.list(actor, q);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: InboxItemDto })
  @ApiNotFoundResponse({ description: 'No such notification, or not yours' })
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<InboxItemDto> {
    return this.inbox.markRead(actor, id);
  }
}
