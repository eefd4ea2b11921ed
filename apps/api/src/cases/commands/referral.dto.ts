import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import {
  DATA_CATEGORIES,
  type DataCategory,
  REFERRAL_PURPOSES,
  type ReferralPurpose,
} from '@ariadne/domain';
import { OPAQUE_ID, OPAQUE_ID_MESSAGE } from '../cases.dto';
import { PersonalAnyDto } from './personal.dto';
import { NestedOptional } from './validation';

export class SendCrossBorderReferralDto {
  @ApiProperty({ example: 'ro-recv-1', description: 'Opaque id of the receiving organisation' })
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  recipientOrganisationId!: string;

  @ApiProperty({ example: 'RO', description: "ISO 3166-1 alpha-2; not the case's own country" })
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code such as "RO"' })
  recipientCountry!: string;

  @ApiProperty({ enum: REFERRAL_PURPOSES })
  @IsIn(REFERRAL_PURPOSES)
  purpose!: ReferralPurpose;

  @ApiProperty({
    enum: DATA_CATEGORIES,
    isArray: true,
    description: 'R18, P4: the categories carried; all covered by her current consent',
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories!: DataCategory[];

  @NestedOptional(
    () => PersonalAnyDto,
    'What the referral carries, only in the categories listed in `categories`',
  )
  personal?: PersonalAnyDto;
}
