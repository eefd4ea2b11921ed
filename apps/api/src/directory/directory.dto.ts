import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  ORGANISATION_TYPES,
  type OrganisationType,
  USER_ROLES,
  type UserRole,
} from '@ariadne/persistence';
import { CURSOR_PATTERN } from '../supervision/board-cursor';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export const MAX_USERS_PAGE = 500;

export class DirectoryQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_USERS_PAGE, default: 200 })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_USERS_PAGE)
  limit: number = 200;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: '$property must be the nextCursor of an earlier page' })
  cursor?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ type: Boolean, description: 'Only active (true) or inactive (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: '$property must be true or false' })
  active?: boolean;
}

export class DirectoryUserDto {
  @ApiProperty({ example: 'se-ngo-1-cw-1', description: 'Opaque user id' }) id!: string;
  @ApiProperty({ example: 'Anna Lind' }) displayName!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: string;
  @ApiProperty() active!: boolean;
}

export class DirectoryPageDto {
  @ApiProperty({ description: 'Your organisation' }) organisationId!: string;
  @ApiProperty({ type: [DirectoryUserDto], description: 'By id' }) items!: DirectoryUserDto[];
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class DirectoryOrganisationDto {
  @ApiProperty({ example: 'se-ngo-1', description: 'Opaque id' }) id!: string;
  @ApiProperty({ example: 'Demo NGO (SE)' }) name!: string;
  @ApiProperty({ enum: ORGANISATION_TYPES, description: 'HTCDS 2.0 organisation type code' })
  type!: OrganisationType;
  @ApiProperty({ example: 'SE', description: 'ISO 3166-1 alpha-2' }) country!: string;
}

export class OrganisationDirectoryDto {
  @ApiProperty({
    type: [DirectoryOrganisationDto],
    description:
      'By name: your own organisation (caseworker, supervisor), or every organisation of your ' +
      "organisation's country (coordinator, auditor, admin)",
  })
  items!: DirectoryOrganisationDto[];
}
