import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { IntegrationController } from './integration.controller';
import { PartnerGuard } from './partner.guard';
import { PartnersAdminController } from './partners-admin.controller';
import { PartnersService } from './partners.service';
import { RefusedFactsController } from './refused-facts.controller';

/** R30: facts from partner systems, their administration, and the refused facts on a case. */
@Module({
  imports: [CasesModule],
  controllers: [IntegrationController, PartnersAdminController, RefusedFactsController],
  providers: [PartnersService, PartnerGuard],
})
export class IntegrationModule {}
