import { Module } from '@nestjs/common';
import { CoordinationController } from './coordination.controller';
import { CoordinationService } from './coordination.service';

/** The national coordinator's board (docs/boards.md). */
@Module({
  controllers: [CoordinationController],
  providers: [CoordinationService],
})
export class CoordinationModule {}
