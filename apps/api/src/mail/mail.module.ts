import { Module } from '@nestjs/common';
import { TasksService } from '../tasks/tasks.service';
import { CalendarController, MyMailController, OutboxAdminController } from './mail.controller';
import { MailService } from './mail.service';

/** Her mail preferences, her calendar feed, and failed deliveries for admins. */
@Module({
  controllers: [MyMailController, CalendarController, OutboxAdminController],
  providers: [MailService, TasksService],
})
export class MailModule {}
