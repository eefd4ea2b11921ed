import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { Role } from '@ariadne/domain';
import { type Locale, LOCALES, MAX_PASSWORD_LENGTH, USER_ROLES } from '@ariadne/persistence';

export class LoginDto {
  @ApiProperty({ example: 'se-ngo-1-cw-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  // Logins are opaque ids or e-mail addresses: no control character (a NUL would reach SQL).
  @Matches(/^[^\p{Cc}]+$/u, { message: 'login must not contain control characters' })
  login!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires; then sign in again' })
  expiresIn!: number;
}

/** Who the caller is, by opaque ids only. */
export class ActorDto {
  @ApiProperty({ example: 'se-ngo-1-cw-1' })
  userId!: string;

  @ApiProperty({ example: 'se-ngo-1' })
  organisationId!: string;

  @ApiProperty({ enum: USER_ROLES })
  role!: Role;
}

/** Who she is, for her own staff application: her name and language, her organisation's. */
export class MeDto extends ActorDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Her name as staff; null for a provider account without a local record',
  })
  displayName!: string | null;

  @ApiProperty({ enum: LOCALES, description: 'The language of her staff application' })
  locale!: Locale;

  @ApiProperty({ example: 'SE', description: "Her organisation's country (ISO 3166-1 alpha-2)" })
  country!: string;

  @ApiProperty({ example: 'Demo NGO (SE)' })
  organisationName!: string;
}

export class UpdateMeDto {
  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES)
  locale!: Locale;
}

class OidcConfigDto {
  @ApiProperty({ description: 'Sign-in by redirect: GET /api/v1/auth/oidc/start' })
  enabled!: boolean;
}

/** What the sign-in page needs to know before anyone has signed in. */
export class AuthConfigDto {
  @ApiProperty({
    description: 'Seconds without use after which the session ends (warn a minute before)',
  })
  idleTimeoutSeconds!: number;

  @ApiProperty({ description: 'Local accounts: POST /api/v1/auth/login' })
  local!: boolean;

  @ApiProperty({ type: OidcConfigDto })
  oidc!: OidcConfigDto;
}
