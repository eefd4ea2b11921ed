import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type { Request } from 'express';
import type { Actor } from '@ariadne/domain';
import { type CaseId, CaseIdParam } from '../access';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { ProblemDto } from '../cases/cases.dto';
import { ReferralPackagesService } from './referral-packages.service';

const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
const requestIdOf = (req: Request): string | null => {
  const id = String((req as { id?: unknown }).id ?? '');
  return REQUEST_ID.test(id) ? id : null;
};

/** docs/referral-package.md: the file. Nothing personal in clear. */
export class ReferralPackageDto {
  @ApiProperty({ example: 'ariadne-referral-package' }) format!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: 'X25519-HKDF-SHA256-A256GCM+Ed25519' }) alg!: string;
  @ApiProperty() recipientKeyId!: string;
  @ApiProperty() ephemeralPublicKey!: string;
  @ApiProperty() nonce!: string;
  @ApiProperty() ciphertext!: string;
  @ApiProperty() tag!: string;
}

export class ImportReferralPackageDto {
  @ApiProperty({ type: ReferralPackageDto, description: 'The package file, as JSON' })
  @IsObject()
  package!: Record<string, unknown>;
}

export class ImportedReferralDto {
  @ApiProperty({ format: 'uuid' }) linkedCaseId!: string;
  @ApiProperty() linkedCaseReference!: string;
}

/** R18 across Ariadne instances: referral packages (docs/referral-package.md). */
@ApiTags('referrals received')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ version: '1' })
export class ReferralPackagesController {
  constructor(private readonly packages: ReferralPackagesService) {}

  @Post('cases/:caseId/referrals/:referralId/package')
  @HttpCode(HttpStatus.OK)
  @Audited({ action: 'referral.package.request', categories: ['case'], purpose: 'referral' })
  @ApiOperation({
    operationId: 'ExportReferralPackage',
    summary: "R18: a referral awaiting an answer as a package for the receiver's own Ariadne",
    description:
      'Signed by your organisation and encrypted to the receiving organisation’s key ' +
      '(docs/referral-package.md); only under her current consent. 422 when no key is configured.',
  })
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiParam({ name: 'referralId', example: 'referral-1' })
  @ApiOkResponse({ type: ReferralPackageDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such case or referral' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Answered, or her consent is not current' })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'No key configured' })
  export(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
    @Param('referralId') referralId: string,
    @Req() req: Request,
  ): Promise<ReferralPackageDto> {
    return this.packages.export(actor, caseId, referralId, requestIdOf(req));
  }

  @Post('referrals/packages')
  @HttpCode(HttpStatus.OK)
  @Audited({ action: 'referral.package.import', categories: ['case'], purpose: 'referral' })
  @ApiOperation({
    operationId: 'ImportReferralPackage',
    summary: 'R18: import a referral package addressed to your organisation, and accept it',
    description:
      'Decrypted with your organisation’s key, the sender’s signature checked against the keys ' +
      'it trusts, R18 applied as within one instance; opens a linked case holding only the ' +
      'consented categories. 422 names what failed (never a value).',
  })
  @ApiOkResponse({ type: ImportedReferralDto })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Refused: `rule` or reason' })
  import(
    @CurrentActor() actor: Actor,
    @Body() dto: ImportReferralPackageDto,
    @Req() req: Request,
  ): Promise<ImportedReferralDto> {
    return this.packages.import(actor, dto.package, requestIdOf(req) ?? 'referral-package');
  }
}
