import { Module } from '@nestjs/common';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** GET /tasks: the caller's deadlines across her cases. */
@Module({ controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
