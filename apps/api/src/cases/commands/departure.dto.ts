import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  DEPARTURE_PATHWAYS,
  type DeparturePathway,
  FOLLOW_UP_CONTACTS,
  type FollowUpContact,
  RE_TRAFFICKING_RISKS,
  type ReTraffickingRisk,
} from '@ariadne/domain';
import { PersonalLegalDto, PersonalReturnDto } from './personal.dto';
import { EmptyBodyDto, NestedOptional } from './validation';
import { OccurredAtField } from './occurred.dto';

const returnDetails = () => PersonalReturnDto;
const RETURN_ONLY = 'Category return only';

/** Preparations follow the departure she chose (R12): return or a third country (R16). */
class ForHerPathwayDto {
  @ApiProperty({ enum: DEPARTURE_PATHWAYS, description: 'Her chosen departure pathway (R12)' })
  @IsIn(DEPARTURE_PATHWAYS)
  pathway!: DeparturePathway;
}

export class RecordReintegrationPlanDto extends ForHerPathwayDto {
  @NestedOptional(returnDetails, RETURN_ONLY) personal?: PersonalReturnDto;
}

export class RecordReintegrationFundingApprovedDto extends ForHerPathwayDto {
  @OccurredAtField() occurredAt?: string | null;
}

export class RecordAssistingContactsGivenDto extends ForHerPathwayDto {
  @OccurredAtField() occurredAt?: string | null;
  @NestedOptional(returnDetails, RETURN_ONLY) personal?: PersonalReturnDto;
}

export class RecordLegalStatusConsideredDto {
  @NestedOptional(() => PersonalLegalDto, 'Category legal only') personal?: PersonalLegalDto;
}

export class RecordTravelArrangedDto extends ForHerPathwayDto {
  @NestedOptional(returnDetails, RETURN_ONLY) personal?: PersonalReturnDto;
}

export class ExecuteReturnDto extends EmptyBodyDto {
  @OccurredAtField() occurredAt?: string | null;
}

export class RecordFollowUpDto {
  @OccurredAtField() occurredAt?: string | null;
  @ApiProperty({ enum: FOLLOW_UP_CONTACTS })
  @IsIn(FOLLOW_UP_CONTACTS)
  contact!: FollowUpContact;

  @NestedOptional(returnDetails, RETURN_ONLY) personal?: PersonalReturnDto;
}

export class RecordReturnFinancialAssistanceDto {
  @OccurredAtField() occurredAt?: string | null;
  @NestedOptional(returnDetails, RETURN_ONLY) personal?: PersonalReturnDto;
}

export class RecordReTraffickingRiskDto {
  @ApiProperty({ enum: RE_TRAFFICKING_RISKS })
  @IsIn(RE_TRAFFICKING_RISKS)
  risk!: ReTraffickingRisk;
}
