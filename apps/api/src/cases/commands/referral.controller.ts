import { Body } from '@nestjs/common';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import { CommandController, CommandRoute, type CommandTarget, Target } from './command-route';
import { toPersonal } from './personal.dto';
import { SendCrossBorderReferralDto } from './referral.dto';

/**
 * Cross-border referral (R18): only what she consented to share, with that recipient (P4). The
 * receiving organisation answers itself, below /referrals/received.
 */
@CommandController('cross-border-referral')
export class ReferralController {
  constructor(private readonly cases: CaseCommandsService) {}

  @CommandRoute('SendCrossBorderReferral')
  send(
    @Target() t: CommandTarget,
    @Body() dto: SendCrossBorderReferralDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'SendCrossBorderReferral',
      recipientOrganisationId: dto.recipientOrganisationId,
      recipientCountry: dto.recipientCountry,
      purpose: dto.purpose,
      categories: dto.categories,
      personal: toPersonal(dto.personal) ?? {},
    });
  }
}
