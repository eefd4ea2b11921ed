import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseloadController, CaseloadService } from './caseload/caseload.controller';
import { SubjectDataController } from './subject-data/subject-data.controller';
import { SubjectDataService } from './subject-data/subject-data.service';

/** Exports: her own data (GDPR Art. 15, 20) and the organisation's caseload. */
@Module({
  imports: [CasesModule],
  controllers: [SubjectDataController, CaseloadController],
  providers: [SubjectDataService, CaseloadService],
})
export class ExportsModule {}
