import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PREFERENCE_MODES, type PreferenceMode } from '@ariadne/persistence';

const MODE = {
  enum: PREFERENCE_MODES,
  description: 'immediate: one message each; digest: in her daily summary; none: no e-mail',
};

export class PreferenceKindsDto {
  @ApiPropertyOptional({ ...MODE, description: `${MODE.description} (R20 reminders)` })
  @IsOptional()
  @IsIn(PREFERENCE_MODES)
  reminder?: PreferenceMode;

  @ApiPropertyOptional({
    ...MODE,
    description: 'R20 escalations to supervisors: immediate or digest, never none',
  })
  @IsOptional()
  @IsIn(PREFERENCE_MODES)
  escalation?: PreferenceMode;

  @ApiPropertyOptional({ ...MODE, description: 'R21 stalled cases' })
  @IsOptional()
  @IsIn(PREFERENCE_MODES)
  stall?: PreferenceMode;

  @ApiPropertyOptional({ ...MODE, description: 'P4 a consent about to expire' })
  @IsOptional()
  @IsIn(PREFERENCE_MODES)
  'consent-expiry'?: PreferenceMode;

  @ApiPropertyOptional({ ...MODE, description: 'A case referred to her organisation' })
  @IsOptional()
  @IsIn(PREFERENCE_MODES)
  referral?: PreferenceMode;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ type: PreferenceKindsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PreferenceKindsDto)
  kinds?: PreferenceKindsDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: 'Local hour of the daily digest' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;
}

export class PreferenceModesDto {
  @ApiProperty(MODE) reminder!: PreferenceMode;
  @ApiProperty(MODE) escalation!: PreferenceMode;
  @ApiProperty(MODE) stall!: PreferenceMode;
  @ApiProperty(MODE) 'consent-expiry'!: PreferenceMode;
  @ApiProperty(MODE) referral!: PreferenceMode;
}

export class PreferencesDto {
  @ApiProperty({ type: PreferenceModesDto }) kinds!: PreferenceModesDto;
  @ApiProperty({ minimum: 0, maximum: 23 }) digestHour!: number;
  @ApiProperty({ example: 'Europe/Stockholm', description: 'Her organisation’s time zone' })
  timeZone!: string;
  @ApiProperty({ description: 'She has an e-mail address: messages can reach her' })
  hasAddress!: boolean;
}

export class CalendarFeedDto {
  @ApiProperty({
    description:
      'The feed’s secret URL, shown only now: subscribe to it in a calendar. Creating again replaces it.',
  })
  url!: string;
}

export class CalendarFeedStateDto {
  @ApiProperty() active!: boolean;
}

export class OutboxQueryDto {
  @ApiProperty({ enum: ['failed'], description: 'Only failed deliveries are listed' })
  @IsIn(['failed'])
  status!: 'failed';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class FailedMessageDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'reminder' }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) recipientUserId!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'smtp 550',
    description: 'An error class: SMTP reply code or socket error, never the server’s text',
  })
  lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() lastAttemptAt!: string;
}

export class FailedMessagesDto {
  @ApiProperty({ type: [FailedMessageDto] }) items!: FailedMessageDto[];
}
