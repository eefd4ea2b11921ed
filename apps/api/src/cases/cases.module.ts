import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CaseCommandsService } from './case-commands.service';
import { CaseReadsService } from './case-reads.service';
import { CaseWorkflowClient } from './case-workflow.client';
import { DepartureController } from './commands/departure.controller';
import { IntakeController } from './commands/intake.controller';
import { ManagementController } from './commands/management.controller';
import { PathwayController } from './commands/pathway.controller';
import { ReferralController } from './commands/referral.controller';
import { ReflectionController } from './commands/reflection.controller';
import { SupportController } from './commands/support.controller';
import { ReceivedReferralsController } from '../referrals/received-referrals.controller';
import { ReceivedReferralsService } from '../referrals/received-referrals.service';
import { ReferralPackagesController } from '../referrals/referral-packages.controller';
import { ReferralPackagesService } from '../referrals/referral-packages.service';

/** Cases: opening and reading them, and one controller per phase for the commands on them. */
@Module({
  controllers: [
    CasesController,
    IntakeController,
    ReflectionController,
    SupportController,
    PathwayController,
    DepartureController,
    ReferralController,
    ManagementController,
    ReceivedReferralsController,
    ReferralPackagesController,
  ],
  providers: [
    CaseWorkflowClient,
    CaseCommandsService,
    CaseReadsService,
    ReceivedReferralsService,
    ReferralPackagesService,
  ],
  exports: [CaseWorkflowClient, CaseReadsService, CaseCommandsService],
})
export class CasesModule {}
