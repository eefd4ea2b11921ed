import { Controller, Get, Header, Query } from '@nestjs/common';
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
import { TasksDto, TasksQueryDto } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'tasks', version: '1' })
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'ListTasks',
    summary: 'R19, R20: your deadlines across your cases, overdue and due soon, earliest first',
    description:
      'Every obligation not yet met of the open cases you may act on (assigned to you; your ' +
      'organisation’s for a supervisor), overdue or due within `withinDays`. Bounded by `limit`: ' +
      '`truncated` says more are due.',
  })
  @ApiOkResponse({ type: TasksDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @Audited({ action: 'case.tasks.read', categories: ['case'] })
  list(@CurrentActor() actor: Actor, @Query() q: TasksQueryDto): Promise<TasksDto> {
    return this.tasks.tasks(actor, q);
  }
}
