import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';

/** GET /users: the directory of the caller's organisation. */
@Module({ controllers: [DirectoryController], providers: [DirectoryService] })
export class DirectoryModule {}
