import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Role } from '@ariadne/domain';
import { MAX_PASSWORD_LENGTH, USER_ROLES } from '@ariadne/persistence';

export class LoginDto {
  @ApiProperty({ example: 'se-ngo-1-cw-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
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
