import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { POLICIES } from '@ariadne/config';
import type { CommandEnvelope, CommandResult } from '@ariadne/contracts';
import {
  type Actor,
  type CarriedOverFrom,
  type CaseCommand,
  type OpenCase,
  type PolicyCountry,
  type PolicyRegistry,
  takesOccurredAt,
} from '@ariadne/domain';
import { CaseSummaryRepository, IdentityRepository } from '@ariadne/persistence';
import { CaseAccess, type CaseId, parseCaseId } from '../access';
import { CaseReferences } from '../case-reference/case-references.service';
import { ReceivedReferralsService } from '../referrals/received-referrals.service';
import { acceptReceipt } from '../audit/command-audit';
import { problem } from '../common/problem';
import { type CaseSummaryDto, type OpenCaseDto, summaryToDto, toCaseSummaryDto } from './cases.dto';
import { CaseWorkflowClient } from './case-workflow.client';
import type { CommandTarget } from './commands/command-route';
import type { PersonCommand } from './commands/command-routes';
import type { RequestContext } from './request-context';

/** The RFC 4122 namespace of case ids derived from an Idempotency-Key (fixed, never change). */
const IDEMPOTENT_CASE_NAMESPACE = 'b3f1c7a4-6d2e-4f0a-9c58-2e7d41a0c9f3';

/**
 * What changes a case: opening it and every command on it. Each answers the case summary the
 * workflow appended with its events (CommandResult.summary), not a second read of PostgreSQL.
 */
@Injectable()
export class CaseCommandsService {
  constructor(
    private readonly workflows: CaseWorkflowClient,
    private readonly access: CaseAccess,
    private readonly summaries: CaseSummaryRepository,
    private readonly identity: IdentityRepository,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    private readonly references: CaseReferences,
    private readonly referrals: ReceivedReferralsService,
  ) {}

  /**
   * Opens a case in the actor's organisation, under the policy of its country. `carriedOver`
   * (R26a) is for the HTCDS import service only; no route passes it.
   */
  async open(
    actor: Actor,
    dto: OpenCaseDto,
    ctx: RequestContext,
    carriedOver?: CarriedOverFrom,
  ): Promise<CaseSummaryDto> {
    const assigneeId = dto.assigneeId ?? actor.userId;
    // Issue 11: the two reads at once (opening costs the update-with-start and little beside).
    const [organisation] = await Promise.all([
      this.identity.findOrganisationById(actor.organisationId),
      this.requireResponsibleCaseworker(actor.organisationId, assigneeId),
    ]);
    const policy = organisation && this.policies.get(organisation.country as PolicyCountry);
    if (!policy) {
      throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'no-policy', 'No policy for this country', {
        detail: "No country policy is configured for the country of the actor's organisation.",
      });
    }
    // With an Idempotency-Key the case id is derived from it (and the caller), so that a retried
    // request reaches the same workflow, where Temporal answers the same update id once.
    const key = ctx.idempotencyKey;
    const caseId = parseCaseId(
      key ? uuidv5(`${actor.userId}\n${key}`, IDEMPOTENT_CASE_NAMESPACE) : randomUUID(),
    );
    // Reserved before the workflow starts: the same case id (a retry) gets the same reference.
    const reference = await this.references.reserve(caseId, policy.country);
    const envelope: CommandEnvelope<OpenCase> = {
      command: {
        type: 'OpenCase',
        referralSource: dto.referralSource,
        policy,
        organisationId: actor.organisationId,
        assigneeId,
        reference,
        ...(typeof dto.occurredAt === 'string' && { occurredAt: dto.occurredAt }),
      },
      actor,
      commandId: key ?? randomUUID(),
      correlationId: ctx.requestId,
      ...(carriedOver !== undefined && { carriedOver }),
      ...(ctx.audit && { audit: ctx.audit.audit }),
    };
    const result = await this.workflows.open(caseId, envelope, key !== undefined);
    acceptReceipt(ctx.audit, result);
    if (result.summary) return summaryToDto(result.summary);
    // An old run's retried update: read it back. The opener sees what she opened, even when she
    // made a colleague responsible for it.
    const opened = await this.summaries.find(caseId);
    if (!opened) throw new Error('An opened case has no summary');
    return toCaseSummaryDto(opened);
  }

  /**
   * Sends one command to the case's workflow and answers the case summary after it. The one path
   * every command route takes: access (P3), If-Match, Idempotency-Key, rule violations → problems.
   */
  async command(target: CommandTarget, command: PersonCommand): Promise<CaseSummaryDto> {
    await this.access.require(target.actor, target.caseId, 'case.command', target.prefetched);
    return this.send(target, command);
  }

  /** R22: the new responsible caseworker is an active caseworker of the case's organisation. */
  async reassign(
    target: CommandTarget,
    command: Extract<PersonCommand, { type: 'ReassignCase' }>,
  ): Promise<CaseSummaryDto> {
    const found = await this.access.require(
      target.actor,
      target.caseId,
      'case.command',
      target.prefetched,
    );
    await this.requireResponsibleCaseworker(found.organisationId, command.assigneeId);
    return this.send(target, command);
  }

  private async send(target: CommandTarget, command: PersonCommand): Promise<CaseSummaryDto> {
    const { actor, caseId, ctx } = target;
    const envelope: CommandEnvelope = {
      // Issue 10: a fact dated when it happened (the DTO admits occurredAt only for such commands).
      command:
        target.occurredAt !== undefined && takesOccurredAt(command.type)
          ? ({ ...command, occurredAt: target.occurredAt } as CaseCommand)
          : command,
      actor,
      commandId: ctx.idempotencyKey ?? randomUUID(),
      correlationId: ctx.requestId,
      expectedVersion: ctx.expectedVersion,
      ...(target.carriedOver !== undefined && { carriedOver: target.carriedOver }),
      // docs/adr/0013: the request's audit entry, written with the events.
      ...(ctx.audit && { audit: ctx.audit.audit }),
    };
    const result = await this.workflows.execute(caseId, envelope);
    acceptReceipt(ctx.audit, result);
    // R18, P4: her consent withdrawn after a referral's acceptance is recorded on the linked case.
    await this.referrals.afterSenderCommand(caseId, actor, result, ctx.requestId);
    return this.answer(actor, caseId, result);
  }

  private async answer(
    actor: Actor,
    caseId: CaseId,
    result: CommandResult,
  ): Promise<CaseSummaryDto> {
    if (result.summary) return summaryToDto(result.summary);
    // A retried update of a run older than CommandResult.summary: read the case back, as before.
    return toCaseSummaryDto(await this.access.require(actor, caseId, 'case.read'));
  }

  /** R22: the responsible caseworker is an active caseworker or supervisor of the organisation. */
  private async requireResponsibleCaseworker(
    organisationId: string,
    userId: string,
  ): Promise<void> {
    const user = await this.identity.findUserById(userId);
    const fits =
      user?.active &&
      user.organisationId === organisationId &&
      (user.role === 'caseworker' || user.role === 'supervisor');
    if (!fits) {
      throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'rule-violation', 'Refused by rule R22', {
        rule: 'R22',
        detail: 'The responsible caseworker must be an active caseworker of the organisation.',
        errors: [
          { field: 'assigneeId', message: 'must name an active caseworker of your organisation' },
        ],
      });
    }
  }
}
