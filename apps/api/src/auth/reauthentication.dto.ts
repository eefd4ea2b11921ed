import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '@ariadne/persistence';

/** null in an optional field means "left out" (as everywhere in this API). */
const nullAsAbsent = ({ value }: { value: unknown }): unknown =>
  value === null ? undefined : value;

/**
 * She confirms it is her before a sensitive action: her password, and her second factor when she
 * has one (one of totp, recoveryCode, webauthn).
 */
export class ReauthenticateDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;

  @ApiPropertyOptional({
    description: 'The six digits of her authenticator app',
    example: '123456',
  })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsString()
  @Matches(/^[\d\s-]{6,9}$/, { message: 'totp must be six digits' })
  totp?: string;

  @ApiPropertyOptional({
    description: 'One of her recovery codes (used up)',
    example: 'ABCDE-FGHJK',
  })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9\s-]{10,16}$/, { message: 'recoveryCode is not a recovery code' })
  recoveryCode?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "A passkey's assertion (WebAuthn AuthenticationResponseJSON)",
  })
  @Transform(nullAsAbsent)
  @IsOptional()
  @IsObject()
  webauthn?: Record<string, unknown>;
}
