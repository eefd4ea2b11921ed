import { Module } from '@nestjs/common';
import { BoardScopeResolver } from './board-scope';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** The supervisor's board (docs/boards.md). The scope resolver is shared with the other boards. */
@Module({
  controllers: [SupervisionController],
  providers: [BoardScopeResolver, SupervisionService],
  exports: [BoardScopeResolver],
})
export class SupervisionModule {}
