import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  type Locale,
  LOCALES,
  ORGANISATION_TYPES,
  type OrganisationType,
  USER_ROLES,
  type UserRole,
} from '@ariadne/persistence';
import { OPAQUE_ID, OPAQUE_ID_MESSAGE } from '../cases/cases.dto';

/** Names are shown to staff: printable text, no control characters, 1–200 characters. */
const NAME = /^[^\p{Cc}]{1,200}$/u;
const NAME_MESSAGE = '$property must be 1–200 characters without control characters';
/** A login: an opaque handle or an e-mail-like name; compared case-insensitively. */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,253}$/;
const LOGIN_MESSAGE =
  'login must be 1–254 characters: letters, digits and . _ @ + - (starting with a letter or digit)';
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** null in an optional field means "left out". */
const nullAsAbsent = ({ value }: { value: unknown }): unknown =>
  value === null ? undefined : value;

export class OrganisationDto {
  @ApiProperty({ example: 'se-ngo-1', description: 'Opaque id' }) id!: string;
  @ApiProperty({ example: 'Demo NGO (SE)' }) name!: string;
  @ApiProperty({ enum: ORGANISATION_TYPES, description: 'HTCDS 2.0 organisation type code' })
  type!: OrganisationType;
  @ApiProperty({ example: 'SE', description: 'ISO 3166-1 alpha-2 (always yours)' })
  country!: string;
  @ApiProperty({
    description:
      'Every account of the organisation must sign in with a second factor (supervisors, ' +
      'admins and auditors must anyway)',
  })
  requireSecondFactor!: boolean;
}

export class OrganisationListDto {
  @ApiProperty({ example: 'SE' }) country!: string;
  @ApiProperty({ type: [OrganisationDto], description: 'By name' }) items!: OrganisationDto[];
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Demo NGO (SE)' })
  @Transform(trim)
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  type!: OrganisationType;
  @ApiPropertyOptional({ description: 'Require a second factor of all its users (default false)' })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsBoolean()
  requireSecondFactor?: boolean;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;
  @ApiPropertyOptional({ description: 'Require a second factor of all its users' })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsBoolean()
  requireSecondFactor?: boolean;
}

export class AdminUserDto {
  @ApiProperty({ example: 'se-ngo-1-cw-1', description: 'Opaque id' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() login!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
  @ApiProperty() organisationId!: string;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Whether she has set a password (false: invitation open)' })
  passwordSet!: boolean;
}

export class AdminUserListDto {
  @ApiProperty({ example: 'SE' }) country!: string;
  @ApiProperty({ type: [AdminUserDto], description: 'By organisation, then id' })
  items!: AdminUserDto[];
}

export class CreateUserDto {
  @ApiProperty({ example: 'Anna Lind' })
  @Transform(trim)
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  displayName!: string;

  @ApiProperty({ example: 'anna.lind' })
  @IsString()
  @Matches(LOGIN, { message: LOGIN_MESSAGE })
  login!: string;

  @ApiProperty({ example: 'anna.lind@ngo.example' })
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiProperty({ example: 'se-ngo-1', description: 'An organisation of your country' })
  @IsString()
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  organisationId!: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Default: her country’s language' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(NAME, { message: NAME_MESSAGE })
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'An organisation of your country' })
  @IsOptional()
  @IsString()
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  organisationId?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ description: 'false deactivates her: her sessions end at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserIdParamDto {
  @ApiProperty({ description: 'The account’s opaque id', example: 'se-ngo-1-cw-1' })
  @IsNotEmpty()
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  userId!: string;
}

export class OrganisationIdParamDto {
  @ApiProperty({ description: 'The organisation’s opaque id', example: 'se-ngo-1' })
  @IsNotEmpty()
  @Matches(OPAQUE_ID, { message: OPAQUE_ID_MESSAGE })
  organisationId!: string;
}
