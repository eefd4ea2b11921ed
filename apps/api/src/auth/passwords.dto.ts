import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '@ariadne/persistence';

export class PasswordResetRequestDto {
  @ApiProperty({ description: 'Her login or e-mail address', example: 'se-ngo-1-cw-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'login must not contain control characters' })
  login!: string;
}

export class PasswordResetAcceptedDto {
  @ApiProperty({
    enum: ['accepted'],
    description: 'The same answer whether or not the account exists',
  })
  status!: 'accepted';
}

export class SetPasswordDto {
  @ApiProperty({ description: 'The token from the link of an invitation or reset message' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  token!: string;

  @ApiProperty({ format: 'password', minLength: 12, description: 'ASVS 5.0 §6.2 rules' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: 12, description: 'ASVS 5.0 §6.2 rules' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword!: string;
}
