import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const INBOX_DEFAULT_LIMIT = 50;
export const INBOX_MAX_LIMIT = 200;

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only what is not read yet' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: INBOX_MAX_LIMIT, default: INBOX_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INBOX_MAX_LIMIT)
  limit?: number;
}

export class InboxItemDto {
  @ApiProperty({ description: 'Opaque id of the notification' }) id!: string;

  @ApiProperty({
    enum: ['reminder', 'escalation', 'stalled', 'referral'],
    description:
      'R20: a reminder before a due date, an escalation after it; R21: a stalled case; R18: a ' +
      'referral sent to your organisation (caseId is the sending case: open it under /referrals/received)',
  })
  kind!: string;

  @ApiProperty() caseId!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'rights-information',
    description: 'The deadline concerned (GET /cases/{caseId}/deadlines)',
  })
  deadline!: string | null;

  @ApiProperty({ nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;

  @ApiProperty({
    enum: ['you', 'supervisors'],
    description: 'To you, or to the supervisors of your organisation (one read marks it for all)',
  })
  addressedTo!: 'you' | 'supervisors';
}

export class InboxDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
}
