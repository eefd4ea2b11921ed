import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, NotEquals, ValidateIf } from 'class-validator';
import { TRANSFER_RESPONSES, type TransferResponse } from '@ariadne/domain';
import { CommunicationDto, HerCommunication } from '../cases/commands/validation';

const OPAQUE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class ProposeTransferDto {
  @ApiProperty({ description: 'An organisation of the same country', example: 'se-shelter-2' })
  @IsString()
  @Matches(OPAQUE, { message: 'must be an organisation id' })
  receivingOrganisationId!: string;

  /** Her consent to the transfer, as she expressed it. */
  @HerCommunication() communication!: CommunicationDto;
}

export class AnswerTransferDto {
  @ApiProperty({ enum: TRANSFER_RESPONSES }) @IsIn(TRANSFER_RESPONSES) response!: TransferResponse;

  @ApiPropertyOptional({
    description: 'Accepted only: your organisation’s responsible caseworker (R22)',
  })
  @ValidateIf((o: AnswerTransferDto) => o.response === 'accepted' || o.assigneeId !== undefined)
  @NotEquals(null)
  @IsString()
  @Matches(OPAQUE, { message: 'must be a user id (required when accepting)' })
  assigneeId?: string;
}

export const TRANSFER_STATUSES = ['proposed', 'accepted', 'declined', 'withdrawn'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/**
 * A transfer record (R31): what both organisations keep. For the sender after acceptance it is
 * the closed stub of the case: its reference and this record, nothing of her.
 */
export class TransferDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'transfer-1' }) transferId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SE-7K4Q-2M' }) reference!: string | null;
  @ApiProperty({ example: 'SE' }) country!: string;
  @ApiProperty() fromOrganisationId!: string;
  @ApiProperty() toOrganisationId!: string;
  @ApiProperty({ enum: TRANSFER_STATUSES }) status!: TransferStatus;
  @ApiProperty() proposedBy!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ type: String, nullable: true }) answeredBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
}

export class TransferListDto {
  @ApiProperty({ type: [TransferDto] }) incoming!: TransferDto[];
  @ApiProperty({ type: [TransferDto] }) outgoing!: TransferDto[];
}

export class TransferListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'all'], description: 'Default `open`: unanswered only' })
  @IsOptional()
  @NotEquals(null)
  @IsIn(['open', 'all'])
  status?: 'open' | 'all';
}
