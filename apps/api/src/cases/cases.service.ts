import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig, POLICIES } from '@ariadne/config';
import {
  CASE_WORKFLOW_TYPE,
  type CaseWorkflowInput,
  type CommandEnvelope,
  type CommandResult,
  caseCommandUpdate,
  openCaseUpdate,
} from '@ariadne/contracts';
import type { Actor, CaseCommand, PolicyCountry, PolicyRegistry } from '@ariadne/domain';
import {
  CaseSummaryRepository,
  type CaseSummaryEntity,
  EventStore,
  IdentityRepository,
} from '@ariadne/persistence';
import { problem } from '../common/problem';
import type { CaseSummaryDto, OpenCaseDto, TimelineEntryDto } from './cases.dto';
import { mayActOnCase } from './case-access';
import { problemFromTemporal } from './temporal-errors';

export interface RequestContext {
  readonly requestId: string;
  /** From Idempotency-Key: a retried request with the same key is applied once. */
  readonly idempotencyKey?: string;
  /** From If-Match: the case version the client saw. */
  readonly expectedVersion?: number;
}

const notFound = () => problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case');

@Injectable()
export class CasesService {
  constructor(
    private readonly temporal: Client,
    private readonly summaries: CaseSummaryRepository,
    private readonly events: EventStore,
    private readonly identity: IdentityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
  ) {}

  /** Opens a case in the actor's organisation, under the policy of its country. */
  async open(actor: Actor, dto: OpenCaseDto, ctx: RequestContext): Promise<CaseSummaryDto> {
    const organisation = await this.identity.findOrganisationById(actor.organisationId);
    const policy = organisation && this.policies.get(organisation.country as PolicyCountry);
    if (!policy) {
      throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'no-policy', 'No policy for this country', {
        detail: "No country policy is configured for the country of the actor's organisation.",
      });
    }
    const assigneeId = dto.assigneeId ?? actor.userId;
    await this.requireResponsibleCaseworker(actor.organisationId, assigneeId);
    const caseId = randomUUID();
    const envelope: CommandEnvelope<Extract<CaseCommand, { type: 'OpenCase' }>> = {
      command: {
        type: 'OpenCase',
        referralSource: dto.referralSource,
        policy,
        organisationId: actor.organisationId,
        assigneeId,
      },
      actor,
      commandId: ctx.idempotencyKey ?? randomUUID(),
      correlationId: ctx.requestId,
    };
    const input: CaseWorkflowInput = { caseId };
    await this.run(() =>
      this.temporal.workflow.executeUpdateWithStart(openCaseUpdate, {
        args: [envelope],
        startWorkflowOperation: new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
          workflowId: caseId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
        }),
      }),
    );
    // The opener sees what she opened, even when she made a colleague responsible for it.
    const opened = await this.summaries.find(caseId);
    if (!opened) throw new Error('An opened case has no summary');
    return toDto(opened);
  }

  async command(
    actor: Actor,
    caseId: string,
    command: CaseCommand,
    ctx: RequestContext,
  ): Promise<CaseSummaryDto> {
    await this.require(actor, caseId);
    const envelope: CommandEnvelope = {
      command,
      actor,
      commandId: ctx.idempotencyKey ?? randomUUID(),
      correlationId: ctx.requestId,
      expectedVersion: ctx.expectedVersion,
    };
    await this.run(() =>
      this.temporal.workflow.getHandle(caseId).executeUpdate(caseCommandUpdate, {
        args: [envelope],
        // Temporal deduplicates updates by id: a retried request is applied once.
        updateId: envelope.commandId,
      }),
    );
    return this.get(actor, caseId);
  }

  async get(actor: Actor, caseId: string): Promise<CaseSummaryDto> {
    return toDto(await this.require(actor, caseId));
  }

  async timeline(actor: Actor, caseId: string): Promise<TimelineEntryDto[]> {
    await this.require(actor, caseId);
    const events = await this.events.readCase(caseId);
    return events.map((e) => ({
      version: e.version,
      type: e.type,
      occurredAt: String(e.metadata['occurredAt']),
      actorRole: String(e.metadata['actorRole']),
      data: e.data,
    }));
  }

  /** The case, if it exists and the actor may act on it; otherwise 404 either way (P3). */
  private async require(actor: Actor, caseId: string): Promise<CaseSummaryEntity> {
    const found = await this.summaries.find(caseId);
    if (!found || !mayActOnCase(actor, found)) throw notFound();
    return found;
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

  private async run(call: () => Promise<CommandResult>): Promise<CommandResult> {
    try {
      return await call();
    } catch (e) {
      throw problemFromTemporal(e) ?? e;
    }
  }
}

function toDto(s: CaseSummaryEntity): CaseSummaryDto {
  const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
  return {
    caseId: s.caseId,
    version: s.version,
    phase: s.phase,
    country: s.country,
    organisationId: s.organisationId,
    assigneeId: s.assigneeId,
    referralSource: s.referralSource,
    policyVersion: s.policyVersion,
    openedAt: s.openedAt.toISOString(),
    identificationOutcome: s.identificationOutcome,
    reflectionStartedAt: iso(s.reflectionStartedAt),
    reflectionEndsAt: iso(s.reflectionEndsAt),
    reflectionEndedAt: iso(s.reflectionEndedAt),
    lastProgressAt: s.lastProgressAt.toISOString(),
    nextDueAt: iso(s.nextDueAt),
  };
}
