import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@ariadne/domain';
import { CaseIdParam, type CaseId } from '../access';
import { Audited } from '../audit';
import { CurrentActor, Roles } from '../auth';
import { ProblemDto } from '../cases/cases.dto';
import {
  AnswerReferralDto,
  ReceivedReferralDetailDto,
  ReceivedReferralListDto,
  ReferralAnswerDto,
} from './received-referrals.dto';
import { ReceivedReferralsService } from './received-referrals.service';

const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
const requestIdOf = (req: Request): string | null => {
  const id = String((req as { id?: unknown }).id ?? '');
  return REQUEST_ID.test(id) ? id : null;
};

const REFERRAL_PARAM = ApiParam({ name: 'referralId', example: 'referral-1' });

/** R18: cross-border referrals sent to your organisation, answered by it. */
@ApiTags('referrals received')
@ApiBearerAuth()
@Roles('caseworker', 'supervisor')
@Controller({ path: 'referrals/received', version: '1' })
export class ReceivedReferralsController {
  constructor(private readonly referrals: ReceivedReferralsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Audited({ action: 'referral.received.list', categories: ['case'], purpose: 'referral' })
  @ApiOperation({
    operationId: 'ListReceivedReferrals',
    summary: 'R18: referrals sent to your organisation, the most recent first (no personal data)',
  })
  @ApiOkResponse({ type: ReceivedReferralListDto })
  async list(@CurrentActor() actor: Actor): Promise<ReceivedReferralListDto> {
    return { items: await this.referrals.list(actor) };
  }

  @Get(':caseId/:referralId')
  @Header('Cache-Control', 'no-store')
  @Audited({ action: 'referral.received.read', categories: ['case'], purpose: 'referral' })
  @ApiOperation({
    operationId: 'GetReceivedReferral',
    summary: 'R18: one referral sent to your organisation, with the data she consented to share',
    description:
      'Decrypted for you only when you open it; each category revealed is recorded in the audit ' +
      'trail (`referral.received.reveal`). Once her consent is withdrawn, `personal` is null.',
  })
  @REFERRAL_PARAM
  @ApiOkResponse({ type: ReceivedReferralDetailDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such referral to your organisation' })
  get(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
    @Param('referralId') referralId: string,
    @Req() req: Request,
  ): Promise<ReceivedReferralDetailDto> {
    return this.referrals.get(actor, caseId, referralId, requestIdOf(req));
  }

  @Post(':caseId/:referralId/answer')
  @HttpCode(HttpStatus.OK)
  @Audited({ action: 'referral.received.answer', categories: ['case'], purpose: 'referral' })
  @ApiOperation({
    operationId: 'AnswerReceivedReferral',
    summary: 'R18: accept or decline a referral sent to your organisation',
    description:
      'Recorded on the sending case as your answer. Accepting opens a linked case in your ' +
      'organisation that holds only the consented categories, under its own key; you become its ' +
      'responsible caseworker. A decline may carry a reason code (no free text).',
  })
  @REFERRAL_PARAM
  @ApiOkResponse({ type: ReferralAnswerDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid body: `errors` names fields' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such referral to your organisation' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already answered or withdrawn: `rule`' })
  answer(
    @CurrentActor() actor: Actor,
    @CaseIdParam() caseId: CaseId,
    @Param('referralId') referralId: string,
    @Body() dto: AnswerReferralDto,
    @Req() req: Request,
  ): Promise<ReferralAnswerDto> {
    return this.referrals.answer(actor, caseId, referralId, dto, requestIdOf(req) ?? 'referral');
  }
}
