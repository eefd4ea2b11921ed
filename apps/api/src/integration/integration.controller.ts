import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { PartnerFact } from '@ariadne/domain';
import { CaseSummaryRepository } from '@ariadne/persistence';
import { type CaseId, CaseIdParam } from '../access';
import { caseNotFound } from '../access/case-id';
import { Audited } from '../audit';
import { Public } from '../auth';
import { problem } from '../common/problem';
import { ProblemDto } from '../cases/cases.dto';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import { PartnerFactAcceptedDto, PartnerFactDto } from './integration.dto';
import { PartnerGuard, type PartnerRequest } from './partner.guard';

/** The case's key of a partner's fact: partner and its own id, hashed (P1: no outside string kept). */
export function factKey(partnerId: string, partnerFactId: string): string {
  return `fact-${createHash('sha256').update(`${partnerId}\n${partnerFactId}`).digest('hex').slice(0, 32)}`;
}

/**
 * R30: facts that partner systems push (a police or migration-authority decision, a shelter's
 * check-in). Answers 202 once the case has the fact as a Signal; the case decides it under its
 * rules as the partner's actor, and records a refusal for a caseworker to resolve.
 */
@ApiTags('integration')
@ApiSecurity('partner')
@Public()
@UseGuards(PartnerGuard)
@Controller({ path: 'integration', version: '1' })
export class IntegrationController {
  constructor(
    private readonly workflows: CaseWorkflowClient,
    private readonly summaries: CaseSummaryRepository,
  ) {}

  @Post('cases/:caseId/facts')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'ReportPartnerFact',
    summary: 'A partner system reports a fact about a case (R30); the same factId is taken once',
    description:
      'Authenticated by the partner’s secret (security scheme `partner`), not a staff token. ' +
      'Answers 202 when the case has the fact; the case then decides it by its rules. A fact a rule ' +
      'refuses is recorded on the case (PartnerFactRefused: rule, kind, partner) for a caseworker ' +
      'to resolve; the partner is not told.',
  })
  @ApiAcceptedResponse({ type: PartnerFactAcceptedDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Malformed fact: `errors` names fields' })
  @ApiUnauthorizedResponse({
    type: ProblemDto,
    description: 'Unknown or revoked partner, wrong secret',
  })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'This partner may not report this kind' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such case in the partner’s country' })
  @ApiConflictResponse({ type: ProblemDto, description: 'The case is final (R23)' })
  @Audited({ action: 'integration.fact.report', categories: ['case'] })
  async report(
    @Req() req: PartnerRequest,
    @CaseIdParam() caseId: CaseId,
    @Body() dto: PartnerFactDto,
  ): Promise<PartnerFactAcceptedDto> {
    const partner = req.partner;
    if (!partner) throw new Error('PartnerGuard did not run');
    if (!partner.allowedFactKinds.includes(dto.kind)) {
      throw problem(HttpStatus.FORBIDDEN, 'fact-kind-not-allowed', 'Refused by rule R30', {
        rule: 'R30',
        detail: 'This partner is not registered to report facts of this kind.',
        errors: [{ field: 'kind', message: 'not a kind this partner may report' }],
      });
    }
    // A partner reports on the cases of its own country only; any other is "no such case" (P3).
    const found = await this.summaries.find(caseId);
    if (!found || found.country !== partner.country) throw caseNotFound();
    const fact: PartnerFact =
      dto.kind === 'identification-decision'
        ? {
            kind: dto.kind,
            outcome: dto.outcome!,
            ...(dto.occurredAt && { occurredAt: dto.occurredAt }),
          }
        : { kind: dto.kind, ...(dto.occurredAt && { occurredAt: dto.occurredAt }) };
    await this.workflows.signalPartnerFact(caseId, {
      factId: factKey(partner.id, dto.factId),
      fact,
      partner: {
        partnerId: partner.id,
        kind: partner.kind,
        organisationId: partner.organisationId ?? partner.id,
      },
      correlationId: String((req as { id?: unknown }).id ?? caseId),
    });
    return { factId: dto.factId, status: 'accepted' };
  }
}
