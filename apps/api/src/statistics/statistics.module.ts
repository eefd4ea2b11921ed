import { Module } from '@nestjs/common';
import { SupervisionModule } from '../supervision/supervision.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** Anonymised case statistics (P8, docs/boards.md). */
@Module({
  imports: [SupervisionModule],
  controllers: [StatisticsController],
  providers: [StatisticsService],
})
export class StatisticsModule {}
