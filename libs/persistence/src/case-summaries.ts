import type { DataSource } from 'typeorm';
import { CaseSummaryEntity } from './entities/case-summary.entity';

/** Reads of the case summary read model. */
export class CaseSummaryRepository {
  constructor(private readonly ds: DataSource) {}

  find(caseId: string): Promise<CaseSummaryEntity | null> {
    return this.ds.getRepository(CaseSummaryEntity).findOne({ where: { caseId } });
  }
}
