import { Body } from '@nestjs/common';
import type { ConsentScope } from '@ariadne/domain';
import type { CaseSummaryDto } from '../cases.dto';
import { CaseCommandsService } from '../case-commands.service';
import {
  CommandController,
  CommandRoute,
  type CommandTarget,
  RecordId,
  Target,
} from './command-route';
import { withPersonal } from './personal.dto';
import {
  type ConsentScopeDto,
  GiveConsentDto,
  RecordHealthCheckOfferedDto,
  RecordNeedsAssessmentDto,
  RecordRightsInformationDto,
  RecordRiskAssessmentDto,
  RecordServiceDeclinedDto,
  RecordServiceProvidedDto,
  RecordServiceUnavailableDto,
  RequestServiceDto,
  WithdrawConsentDto,
} from './support.dto';
import { victimContextOf } from '../../htcds/victim-context.dto';
import { given, toCommunication } from './validation';

function toScope(d: ConsentScopeDto): ConsentScope {
  switch (d.kind) {
    case 'service':
      return { kind: 'service', service: given(d.service, 'scope.service') };
    case 'return':
      return { kind: 'return' };
    case 'data-sharing':
      return {
        kind: 'data-sharing',
        recipientOrganisationId: given(d.recipientOrganisationId, 'scope.recipientOrganisationId'),
        purpose: given(d.purpose, 'scope.purpose'),
        categories: given(d.categories, 'scope.categories'),
      };
  }
}

/**
 * Assessment and the individual support plan: rights information (R10), health (R4), needs (R6)
 * and risk (R9) assessments, services (R2, R4, R5, R6) and her consents (R5, R15, P4).
 */
@CommandController('assessment-and-support')
export class SupportController {
  constructor(private readonly cases: CaseCommandsService) {}

  @CommandRoute('RecordRightsInformation')
  rightsInformation(
    @Target() t: CommandTarget,
    @Body() dto: RecordRightsInformationDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordRightsInformation',
      topics: dto.topics,
      communication: toCommunication(dto.communication),
    });
  }

  @CommandRoute('RecordHealthCheckOffered')
  healthCheckOffered(
    @Target() t: CommandTarget,
    @Body() _dto: RecordHealthCheckOfferedDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, { type: 'RecordHealthCheckOffered' });
  }

  @CommandRoute('RecordNeedsAssessment')
  needsAssessment(
    @Target() t: CommandTarget,
    @Body() dto: RecordNeedsAssessmentDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordNeedsAssessment',
      needs: dto.needs,
      ...withPersonal(dto.personal),
      ...victimContextOf(dto.victimContext),
    });
  }

  @CommandRoute('RecordRiskAssessment')
  riskAssessment(
    @Target() t: CommandTarget,
    @Body() dto: RecordRiskAssessmentDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordRiskAssessment',
      scope: dto.scope,
      level: dto.level,
      protectionMeasures: dto.protectionMeasures,
      ...(dto.scope === 'departure' && {
        pathway: given(dto.pathway, 'pathway'),
        acceptable: given(dto.acceptable, 'acceptable'),
      }),
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RequestService')
  requestService(
    @Target() t: CommandTarget,
    @Body() dto: RequestServiceDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RequestService',
      kind: dto.kind,
      basis: dto.basis,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordServiceProvided')
  serviceProvided(
    @Target() t: CommandTarget,
    @RecordId('serviceId') serviceId: string,
    @Body() dto: RecordServiceProvidedDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordServiceProvided',
      serviceId,
      ...withPersonal(dto.personal),
    });
  }

  @CommandRoute('RecordServiceDeclined')
  serviceDeclined(
    @Target() t: CommandTarget,
    @RecordId('serviceId') serviceId: string,
    @Body() dto: RecordServiceDeclinedDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordServiceDeclined',
      serviceId,
      communication: toCommunication(dto.communication),
    });
  }

  @CommandRoute('RecordServiceUnavailable')
  serviceUnavailable(
    @Target() t: CommandTarget,
    @RecordId('serviceId') serviceId: string,
    @Body() dto: RecordServiceUnavailableDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'RecordServiceUnavailable',
      serviceId,
      reason: dto.reason,
    });
  }

  @CommandRoute('GiveConsent')
  giveConsent(@Target() t: CommandTarget, @Body() dto: GiveConsentDto): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'GiveConsent',
      scope: toScope(dto.scope),
      communication: toCommunication(dto.communication),
      ...(dto.expiresAt !== undefined && { expiresAt: dto.expiresAt }),
    });
  }

  @CommandRoute('WithdrawConsent')
  withdrawConsent(
    @Target() t: CommandTarget,
    @RecordId('consentId') consentId: string,
    @Body() dto: WithdrawConsentDto,
  ): Promise<CaseSummaryDto> {
    return this.cases.command(t, {
      type: 'WithdrawConsent',
      consentId,
      communication: toCommunication(dto.communication),
    });
  }
}
