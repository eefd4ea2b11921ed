import { Body } from '@nestjs/common';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import {
  CommandController,
  CommandRoute,
  type CommandTarget,
  RecordId,
  Target,
} from './command-route';
import { toPersonal } from './personal.dto';
import { RecordCrossBorderReferralResponseDto, SendCrossBorderReferralDto } from './referral.dto';

/** Cross-border referral (R18): only what she consented to share, with that recipient (P4). */
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

  @CommandRoute('RecordCrossBorderReferralResponse')
  response(
    @Target() t: CommandTarget,
    @RecordId('referralId') referralId: string,
    @Body() dto: RecordCrossBorderReferralResponseDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordCrossBorderReferralResponse',
      referralId,
      response: dto.response,
    });
  }
}
