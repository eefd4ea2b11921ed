import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  DATA_CATEGORIES,
  DEPARTURE_PATHWAYS,
  type DeparturePathway,
  READINESS_ITEMS,
  REFERRAL_PURPOSES,
} from '@ariadne/domain';
import { OPAQUE_ID_PATTERN, REFERRAL_STATUSES, type ReferralStatus } from '@ariadne/persistence';
import { BoardCaseDto, PageQueryDto } from '../supervision/board.dto';

export const READINESS_FILTERS = ['ready', 'incomplete'] as const;

export class ReturnReadinessQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: READINESS_FILTERS })
  @IsOptional()
  @IsIn(READINESS_FILTERS)
  readiness?: (typeof READINESS_FILTERS)[number];

  @ApiPropertyOptional({
    example: 'se-ngo-1',
    description: 'One organisation of your country; another country’s gives an empty list',
  })
  @IsOptional()
  @Matches(OPAQUE_ID_PATTERN, { message: '$property must be an opaque organisation id' })
  organisationId?: string;

  @ApiPropertyOptional({ enum: DEPARTURE_PATHWAYS })
  @IsOptional()
  @IsIn(DEPARTURE_PATHWAYS)
  pathway?: DeparturePathway;
}

export class ChecklistItemDto {
  @ApiProperty({ enum: READINESS_ITEMS }) item!: string;
  @ApiProperty() met!: boolean;
}

export class ReadinessCaseDto extends BoardCaseDto {
  @ApiProperty({ type: [ChecklistItemDto], description: 'R14: the readiness checklist' })
  returnChecklist!: ChecklistItemDto[];
  @ApiProperty({ enum: READINESS_ITEMS, isArray: true, description: 'The items not yet met' })
  missing!: string[];
}

export class ReadinessPageDto {
  @ApiProperty() country!: string;
  @ApiProperty({ description: 'Matching cases in all pages' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ type: [ReadinessCaseDto] }) items!: ReadinessCaseDto[];
}

export class ReadinessTotalsDto {
  @ApiProperty() ready!: number;
  @ApiProperty() incomplete!: number;
  @ApiProperty() total!: number;
}

export class ReadinessCountDto extends ReadinessTotalsDto {
  @ApiProperty() organisationId!: string;
}

export class ReadinessCountsDto {
  @ApiProperty() country!: string;
  @ApiProperty({ type: [ReadinessCountDto], description: 'Every organisation of the country' })
  organisations!: ReadinessCountDto[];
  @ApiProperty({ type: ReadinessTotalsDto, description: 'All organisations together' })
  total!: ReadinessTotalsDto;
}

export class ReferralsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, description: 'All when absent' })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'SE-7K4Q-2M' }) reference!: string | null;
  @ApiProperty({ example: 'se-ngo-1', description: 'The organisation of the case' })
  organisationId!: string;
  @ApiProperty({ example: 'referral-1' }) referralId!: string;
  @ApiProperty({ enum: REFERRAL_PURPOSES }) purpose!: string;
  @ApiProperty({ example: 'RO', description: 'The receiving country (ISO 3166-1 alpha-2)' })
  recipientCountry!: string;
  @ApiProperty({
    example: 'ro-anitp',
    description: 'The receiving organisation as the caseworker recorded it',
  })
  recipientOrganisationId!: string;
  @ApiProperty({
    enum: DATA_CATEGORIES,
    isArray: true,
    description: 'The data categories her consent let travel (R18, P4)',
  })
  categories!: string[];
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty() sentAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'When accepted or declined' })
  respondedAt!: string | null;
}

export class ReferralPageDto {
  @ApiProperty() country!: string;
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ type: [ReferralDto], description: 'The most recently sent first' })
  items!: ReferralDto[];
}
