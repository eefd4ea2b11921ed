import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

/** GET /users: the staff of the caller's organisation; GET /organisations: names for her boards. */
@Module({
  controllers: [DirectoryController, OrganisationsController],
  providers: [DirectoryService, OrganisationsService],
})
export class DirectoryModule {}
