import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { TransferCommandsController, TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** R31: transfer of a case to another organisation of the same country. */
@Module({
  imports: [CasesModule],
  controllers: [TransferCommandsController, TransfersController],
  providers: [TransfersService],
})
export class TransfersModule {}
