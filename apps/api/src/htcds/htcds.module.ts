import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { HtcdsController } from './htcds.controller';
import { HtcdsService } from './htcds.service';

@Module({
  imports: [CasesModule],
  controllers: [HtcdsController],
  providers: [HtcdsService],
})
export class HtcdsModule {}
