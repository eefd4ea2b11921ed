import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale } from '@ariadne/persistence';
import { EXPORT_PASSWORD_MAX_LENGTH, EXPORT_PASSWORD_MIN_LENGTH } from './archive';

export class SubjectDataExportDto {
  @ApiProperty({
    enum: LOCALES,
    description: 'The language of the readable PDF: the one she reads best among the nine',
  })
  @IsIn(LOCALES)
  language!: Locale;

  @ApiProperty({
    minLength: EXPORT_PASSWORD_MIN_LENGTH,
    maxLength: EXPORT_PASSWORD_MAX_LENGTH,
    format: 'password',
    writeOnly: true,
    description:
      'The archive password, chosen by the caseworker and given to her apart from the file. ' +
      'Used once to encrypt the archive (AES-256); never stored or logged.',
  })
  @IsString()
  @MinLength(EXPORT_PASSWORD_MIN_LENGTH)
  @MaxLength(EXPORT_PASSWORD_MAX_LENGTH)
  password!: string;
}
