import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  DATA_CATEGORIES,
  HTCDS_GENDERS,
  type DataCategory,
  type PersonalData,
  type PersonalDataByCategory,
} from '@ariadne/domain';
import { compact, IsLanguage, NestedOptional } from './validation';

/**
 * Personal data travels only in `personal`, one sub-object per data category (P2, P3): the
 * worker encrypts each with the case's key and erasure destroys it (P7). Each command accepts
 * only the categories it may carry; any other is refused as an unknown field (400). Field names
 * and value formats follow HTCDS (ISO 3166-1 alpha-2 countries, E.164 phone numbers).
 */

const COUNTRY = /^[A-Z]{2}$/;
const E164 = /^\+[1-9][0-9]{1,14}$/;
const countryMessage = { message: '$property must be an ISO 3166-1 alpha-2 code such as "RO"' };

/** Optional free text of 1 to `max` characters. */
const Text = (max: number) => applyDecorators(IsOptional(), IsString(), Length(1, max));

export class IdentityDetailsDto {
  @ApiPropertyOptional({ maxLength: 200 }) @Text(200) givenName?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @Text(200) familyName?: string;

  @ApiPropertyOptional({ format: 'date', example: '1999-04-30' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ maxLength: 50 }) @Text(50) gender?: string;

  @ApiPropertyOptional({
    enum: HTCDS_GENDERS,
    description: 'HTCDS 2.0 prs_Gender value name (optional, encrypted like the rest of identity)',
  })
  @IsOptional()
  @IsIn(HTCDS_GENDERS)
  sex?: string;

  @ApiPropertyOptional({
    example: 'RO;MD',
    description: "HTCDS 2.0 prs_Citizenship: ISO 3166-1 alpha-2 codes separated by ';'",
  })
  @IsOptional()
  @Matches(/^[A-Z]{2}(;[A-Z]{2}){0,9}$/, {
    message: '$property must be ISO 3166-1 alpha-2 codes separated by \';\', such as "RO;MD"',
  })
  citizenship?: string;

  @ApiPropertyOptional({ example: 'RO', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(COUNTRY, countryMessage)
  nationality?: string;

  @ApiPropertyOptional({ example: 'ro', description: 'BCP 47' })
  @IsOptional()
  @IsLanguage()
  language?: string;

  @ApiPropertyOptional({ maxLength: 100 }) @Text(100) documentNumber?: string;
}

export class ContactLocationDetailsDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Shelter and confidential addresses (P3)' })
  @Text(500)
  address?: string;

  @ApiPropertyOptional({ example: '+46700000000', description: 'E.164' })
  @IsOptional()
  @Matches(E164, { message: '$property must be an E.164 number such as "+46700000000"' })
  phone?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'Safety notes' }) @Text(4000) notes?: string;
}

export class HealthDetailsDto {
  @ApiPropertyOptional({ maxLength: 4000 }) @Text(4000) notes?: string;
}

export class LegalDetailsDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'A police, prosecution or court reference' })
  @Text(200)
  reference?: string;

  @ApiPropertyOptional({ maxLength: 4000 }) @Text(4000) notes?: string;
}

export class ImmigrationDetailsDto {
  @ApiPropertyOptional({ maxLength: 200 }) @Text(200) reference?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @Text(100) documentNumber?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @Text(4000) notes?: string;
}

export class ReturnDetailsDto {
  @ApiPropertyOptional({ example: 'RO', description: 'ISO 3166-1 alpha-2 of the destination' })
  @IsOptional()
  @Matches(COUNTRY, countryMessage)
  destinationCountry?: string;

  @ApiPropertyOptional({ maxLength: 2000 }) @Text(2000) itinerary?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @Text(2000) contacts?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @Text(100) amount?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @Text(4000) notes?: string;
}

export class NotesDetailsDto {
  @ApiPropertyOptional({ maxLength: 8000, description: 'The note (personal data, sealed: P2)' })
  @Text(8000)
  text?: string;
}

/** The DTO of each category, in the same shape as the domain's PersonalDataByCategory. */
interface CategoryDtos {
  readonly identity: IdentityDetailsDto;
  readonly 'contact-location': ContactLocationDetailsDto;
  readonly health: HealthDetailsDto;
  readonly legal: LegalDetailsDto;
  readonly immigration: ImmigrationDetailsDto;
  readonly return: ReturnDetailsDto;
  readonly notes: NotesDetailsDto;
}

/** Explicit field-by-field copies: nothing reaches a command that was not declared above. */
const TO_DOMAIN: {
  readonly [K in DataCategory]: (d: CategoryDtos[K]) => PersonalDataByCategory[K];
} = {
  identity: (d) =>
    compact({
      givenName: d.givenName,
      familyName: d.familyName,
      dateOfBirth: d.dateOfBirth,
      gender: d.gender,
      sex: d.sex,
      nationality: d.nationality,
      citizenship: d.citizenship,
      language: d.language,
      documentNumber: d.documentNumber,
    }),
  'contact-location': (d) =>
    compact({ address: d.address, phone: d.phone, email: d.email, notes: d.notes }),
  health: (d) => compact({ notes: d.notes }),
  legal: (d) => compact({ reference: d.reference, notes: d.notes }),
  immigration: (d) =>
    compact({ reference: d.reference, documentNumber: d.documentNumber, notes: d.notes }),
  return: (d) =>
    compact({
      destinationCountry: d.destinationCountry,
      itinerary: d.itinerary,
      contacts: d.contacts,
      amount: d.amount,
      notes: d.notes,
    }),
  notes: (d) => compact({ text: d.text }),
};

type PersonalDto<C extends DataCategory> = { readonly [K in C]?: CategoryDtos[K] };

/** The domain's `personal` sub-object from a validated DTO; undefined when none was sent. */
export function toPersonal<C extends DataCategory>(
  dto: PersonalDto<C> | undefined,
): PersonalData<C> | undefined {
  if (!dto) return undefined;
  const out: { -readonly [K in DataCategory]?: PersonalDataByCategory[K] } = {};
  const given = dto as PersonalDto<DataCategory>;
  for (const category of DATA_CATEGORIES) {
    const value = given[category];
    if (value !== undefined) {
      (out as Record<string, unknown>)[category] = (
        TO_DOMAIN[category] as (d: CategoryDtos[typeof category]) => unknown
      )(value);
    }
  }
  return out as PersonalData<C>;
}

/** `{ personal }` when personal data was sent, else nothing: for spreading into a command. */
export function withPersonal<C extends DataCategory>(
  dto: PersonalDto<C> | undefined,
): { personal?: PersonalData<C> } {
  const personal = toPersonal(dto);
  return personal ? { personal } : {};
}

// The `personal` objects, one class per set of categories a command may carry.

const identity = () => IdentityDetailsDto;
const contactLocation = () => ContactLocationDetailsDto;
const health = () => HealthDetailsDto;
const legal = () => LegalDetailsDto;
const immigration = () => ImmigrationDetailsDto;
const returnDetails = () => ReturnDetailsDto;
const notes = () => NotesDetailsDto;

export class PersonalIdentityContactDto {
  @NestedOptional(identity) identity?: IdentityDetailsDto;
  @NestedOptional(contactLocation) 'contact-location'?: ContactLocationDetailsDto;
}

export class PersonalHealthDto {
  @NestedOptional(health) health?: HealthDetailsDto;
}

export class PersonalContactHealthDto {
  @NestedOptional(contactLocation) 'contact-location'?: ContactLocationDetailsDto;
  @NestedOptional(health) health?: HealthDetailsDto;
}

export class PersonalContactReturnDto {
  @NestedOptional(contactLocation) 'contact-location'?: ContactLocationDetailsDto;
  @NestedOptional(returnDetails) return?: ReturnDetailsDto;
}

export class PersonalImmigrationDto {
  @NestedOptional(immigration) immigration?: ImmigrationDetailsDto;
}

export class PersonalReturnDto {
  @NestedOptional(returnDetails) return?: ReturnDetailsDto;
}

export class PersonalLegalDto {
  @NestedOptional(legal) legal?: LegalDetailsDto;
}

/** A cross-border referral may carry any category she consented to share (R18). */
export class PersonalAnyDto {
  @NestedOptional(identity) identity?: IdentityDetailsDto;
  @NestedOptional(contactLocation) 'contact-location'?: ContactLocationDetailsDto;
  @NestedOptional(health) health?: HealthDetailsDto;
  @NestedOptional(legal) legal?: LegalDetailsDto;
  @NestedOptional(immigration) immigration?: ImmigrationDetailsDto;
  @NestedOptional(returnDetails) return?: ReturnDetailsDto;
  @NestedOptional(notes) notes?: NotesDetailsDto;
}

export class PersonalNotesDto {
  @NestedOptional(notes) notes?: NotesDetailsDto;
}
