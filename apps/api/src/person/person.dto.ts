import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DATA_CATEGORIES, type DataCategory } from '@ariadne/domain';

export class PersonQueryDto {
  @ApiPropertyOptional({
    enum: DATA_CATEGORIES,
    description:
      'Reveal this one category (an audited read of it alone). Without it, health, legal and ' +
      'contact-location come folded: present, without their values.',
  })
  @IsOptional()
  @IsIn(DATA_CATEGORIES)
  category?: DataCategory;
}

export class PersonCategoryDto {
  @ApiProperty({ enum: DATA_CATEGORIES }) category!: string;
  @ApiProperty({ description: 'True: there are details, ask for this category to reveal them' })
  folded!: boolean;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The latest value of each field recorded in this category (absent when folded)',
    example: { givenName: 'Ana', language: 'ro' },
  })
  fields?: Record<string, string>;
  @ApiProperty({ description: 'When the latest of these values was recorded' }) updatedAt!: string;
  @ApiProperty({ description: 'The case version that recorded it' }) version!: number;
}

export class PersonDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'The case version these details are read at' }) version!: number;
  @ApiProperty({ description: 'P7: her personal data is erased; no details remain' })
  erased!: boolean;
  @ApiProperty({
    type: [PersonCategoryDto],
    description:
      'Only categories with details that you may see (P3): on a restricted record, health, ' +
      'legal and contact-location are left out for anyone but the assigned caseworker and the ' +
      'supervisors of the organisation',
  })
  categories!: PersonCategoryDto[];
}
