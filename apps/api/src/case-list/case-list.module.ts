import { Module } from '@nestjs/common';
import { CaseListController } from './case-list.controller';
import { CaseListService } from './case-list.service';

/** GET /cases: the case list of the staff application. */
@Module({ controllers: [CaseListController], providers: [CaseListService] })
export class CaseListModule {}
