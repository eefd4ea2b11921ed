import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The inbox of reminders, escalations and stall flags (R20, R21). Needs PersistenceModule. */
@Module({ controllers: [InboxController], providers: [InboxService] })
export class InboxModule {}
