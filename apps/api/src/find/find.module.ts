import { Module } from '@nestjs/common';
import { FindController } from './find.controller';
import { FindService } from './find.service';

/** POST /cases/find: possible matches before opening a case. */
@Module({ controllers: [FindController], providers: [FindService] })
export class FindModule {}
