import { Module } from '@nestjs/common';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** The supervisor's board (docs/boards.md); its scope comes from ../access. */
@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService],
})
export class SupervisionModule {}
