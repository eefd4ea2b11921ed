import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

/**
 * What she is known by, to look for earlier cases before opening one. In the body only, never
 * in a URL (P1). Nothing of it is stored or logged: it is normalised and keyed (HMAC) at once.
 */
export class FindCasesDto {
  @ApiPropertyOptional({
    maxLength: 400,
    example: 'Ana Maria Popescu',
    description: 'Given and family name, in any order; case, accents and punctuation ignored',
  })
  @IsOptional()
  @IsString()
  @Length(1, 400)
  name?: string;

  @ApiPropertyOptional({ format: 'date', example: '1999-04-30' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({
    maxLength: 40,
    example: '+46 70 000 00 00',
    description: 'Spaces, dashes and a 00 prefix ignored',
  })
  @IsOptional()
  @Matches(/^[+0-9 ()./-]{4,40}$/, { message: '$property must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Case and punctuation ignored' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  documentNumber?: string;
}

export class PossibleMatchDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'SE-7K4Q-2M' }) reference!: string | null;
  @ApiProperty() phase!: string;
}

export class FindCasesResultDto {
  @ApiProperty({
    type: [PossibleMatchDto],
    description:
      'Cases of your organisation where any of the given values was recorded, those matching ' +
      'more of them first (at most 20). Only id, reference and phase: opening one is still ' +
      'decided by who may see it (P3).',
  })
  matches!: PossibleMatchDto[];
}
