import { Module } from '@nestjs/common';
import { SupervisionModule } from '../supervision/supervision.module';
import { CoordinationController } from './coordination.controller';
import { CoordinationService } from './coordination.service';

/** The national coordinator's board (docs/boards.md). */
@Module({
  imports: [SupervisionModule],
  controllers: [CoordinationController],
  providers: [CoordinationService],
})
export class CoordinationModule {}
