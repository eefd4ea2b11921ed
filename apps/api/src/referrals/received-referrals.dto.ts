import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  DATA_CATEGORIES,
  REFERRAL_DECLINE_REASONS,
  REFERRAL_PURPOSES,
  REFERRAL_RESPONSES,
  type ReferralDeclineReason,
  type ReferralResponse,
} from '@ariadne/domain';

export const RECEIVED_STATUSES = ['sent', 'accepted', 'declined', 'withdrawn'] as const;
export type ReceivedStatus = (typeof RECEIVED_STATUSES)[number];

/** A referral received by your organisation: ids, enums and times only (P1). */
export class ReceivedReferralDto {
  @ApiProperty({ format: 'uuid', description: "The sending case's pseudonymous id" })
  caseId!: string;
  @ApiProperty({ example: 'referral-1' }) referralId!: string;
  @ApiProperty({ nullable: true, type: String, description: "The sending case's reference" })
  reference!: string | null;
  @ApiProperty({ example: 'se-ngo-1' }) senderOrganisationId!: string;
  @ApiProperty({ example: 'SE' }) senderCountry!: string;
  @ApiProperty({ enum: REFERRAL_PURPOSES }) purpose!: string;
  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true }) categories!: string[];
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({
    enum: RECEIVED_STATUSES,
    description: 'sent: awaiting your answer; withdrawn: her consent was withdrawn before it',
  })
  status!: ReceivedStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) respondedAt!: string | null;
  @ApiProperty({ nullable: true, enum: REFERRAL_DECLINE_REASONS })
  reasonCode!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Your linked case' })
  linkedCaseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) linkedCaseReference!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Her consent was withdrawn after acceptance: nothing more is shared',
  })
  sharingStoppedAt!: string | null;
}

export class ReceivedReferralListDto {
  @ApiProperty({ type: [ReceivedReferralDto] }) items!: ReceivedReferralDto[];
}

/** One referral opened: the consented categories' data, decrypted for the receiver. */
export class ReceivedReferralDetailDto extends ReceivedReferralDto {
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    description:
      'Per consented category, the fields the referral carried; null once withdrawn or stopped',
  })
  personal!: Record<string, Record<string, string>> | null;
}

export class AnswerReferralDto {
  @ApiProperty({ enum: REFERRAL_RESPONSES, description: "Your organisation's answer" })
  @IsIn(REFERRAL_RESPONSES)
  response!: ReferralResponse;

  @ApiProperty({ enum: REFERRAL_DECLINE_REASONS, required: false, description: 'Declined only' })
  @IsOptional()
  @IsIn(REFERRAL_DECLINE_REASONS)
  reasonCode?: ReferralDeclineReason | null;
}

export class ReferralAnswerDto {
  @ApiProperty({ enum: RECEIVED_STATUSES }) status!: ReceivedStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) linkedCaseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) linkedCaseReference!: string | null;
}
