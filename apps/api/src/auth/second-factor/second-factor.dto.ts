import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** null in an optional field means "left out" (as everywhere in this API). */
const nullAsAbsent = ({ value }: { value: unknown }): unknown =>
  value === null ? undefined : value;

export const SECOND_FACTOR_METHODS = ['totp', 'recovery-code', 'webauthn'] as const;

export class ChallengeTokenDto {
  @ApiProperty({ description: 'The `challengeToken` of the login answer (5 minutes, single use)' })
  @IsString()
  @Matches(TOKEN, { message: 'challengeToken is not a sign-in challenge token' })
  challengeToken!: string;
}

/** The login answer when a second step is needed: no tokens, no cookie. */
export class SecondStepDto {
  @ApiPropertyOptional({
    enum: [true],
    description: 'Prove the second factor: POST /api/v1/auth/login/second-factor',
  })
  secondFactorRequired?: true;

  @ApiPropertyOptional({
    enum: [true],
    description:
      'She must use a second factor and has none: set one up with the /auth/login/enrolment routes',
  })
  enrolmentRequired?: true;

  @ApiProperty({ description: 'For the next step only; 5 minutes, single use' })
  challengeToken!: string;

  @ApiPropertyOptional({ enum: SECOND_FACTOR_METHODS, isArray: true })
  methods?: (typeof SECOND_FACTOR_METHODS)[number][];
}

export class SecondFactorLoginDto extends ChallengeTokenDto {
  @ApiPropertyOptional({
    description: 'The six digits of her authenticator app',
    example: '123456',
  })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsString()
  @Matches(/^[\d\s-]{6,9}$/, { message: 'totp must be six digits' })
  totp?: string;

  @ApiPropertyOptional({ description: 'One of her recovery codes', example: 'ABCDE-FGHJK' })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9\s-]{10,16}$/, { message: 'recoveryCode is not a recovery code' })
  recoveryCode?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The passkey assertion (AuthenticationResponseJSON of @simplewebauthn/browser)',
  })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsObject()
  webauthn?: Record<string, unknown>;
}

export class TotpCodeDto {
  @ApiProperty({ description: 'The current code of her authenticator app', example: '123456' })
  @IsString()
  @Matches(/^[\d\s-]{6,9}$/, { message: 'code must be six digits' })
  code!: string;
}

export class EnrolmentTotpConfirmDto extends ChallengeTokenDto {
  @ApiProperty({ description: 'The current code of her authenticator app', example: '123456' })
  @IsString()
  @Matches(/^[\d\s-]{6,9}$/, { message: 'code must be six digits' })
  code!: string;
}

export class PasskeyRegistrationDto {
  @ApiProperty({ description: 'Her name for the passkey, e.g. "Work laptop"', maxLength: 64 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'RegistrationResponseJSON of @simplewebauthn/browser',
  })
  @IsObject()
  response!: Record<string, unknown>;
}

export class EnrolmentPasskeyDto extends PasskeyRegistrationDto {
  @ApiProperty({ description: 'The `challengeToken` of the login answer' })
  @IsString()
  @Matches(TOKEN, { message: 'challengeToken is not a sign-in challenge token' })
  challengeToken!: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret for typing in by hand; shown this once' })
  secret!: string;

  @ApiProperty({ description: 'otpauth:// URI for the QR code (render it on the client)' })
  otpauthUri!: string;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Ten single-use codes, shown this once; null when she still had codes left',
  })
  recoveryCodes!: string[] | null;
}

/** Signed in after setting up a second factor: as POST /auth/login, plus her recovery codes. */
export class EnrolledSignInDto extends RecoveryCodesDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty() expiresIn!: number;
}

export class PasskeyDto {
  @ApiProperty({ description: 'Credential id (base64url)' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) lastUsedAt!: string | null;
}

export class PasskeyCreatedDto extends RecoveryCodesDto {
  @ApiProperty({ type: PasskeyDto }) passkey!: PasskeyDto;
}

export class SecondFactorStatusDto {
  @ApiProperty({ description: 'Her role or organisation requires a second factor' })
  required!: boolean;
  @ApiProperty() totp!: boolean;
  @ApiProperty() recoveryCodesLeft!: number;
  @ApiProperty({ type: [PasskeyDto] }) passkeys!: PasskeyDto[];
}

export class CredentialIdParamDto {
  @ApiProperty({ description: 'The passkey’s credential id (base64url)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,1400}$/, { message: 'credentialId must be base64url' })
  credentialId!: string;
}

export class PasskeyOptionsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'PublicKeyCredential{Creation,Request}OptionsJSON for @simplewebauthn/browser',
  })
  options!: Record<string, unknown>;
}
