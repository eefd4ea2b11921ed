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
import { CaseSummaryRepository, type CaseSummaryEntity, EventStore } from '@ariadne/persistence';
import { problem } from '../common/problem';
import type { CaseSummaryDto, OpenCaseDto, TimelineEntryDto } from './cases.dto';
import { problemFromTemporal } from './temporal-errors';

export interface RequestContext {
  readonly requestId: string;
  /** From Idempotency-Key: a retried request with the same key is applied once. */
  readonly idempotencyKey?: string;
  /** From If-Match: the case version the client saw. */
  readonly expectedVersion?: number;
}

/**
 * Until authentication lands (issue 5) the API acts as one local operator. The actor still
 * travels with every command so that the event log records who acted from the first day.
 */
function operatorActor(organisationId: string): Actor {
  return { userId: 'local-operator', organisationId, role: 'caseworker' };
}

@Injectable()
export class CasesService {
  constructor(
    private readonly temporal: Client,
    private readonly summaries: CaseSummaryRepository,
    private readonly events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
  ) {}

  async open(dto: OpenCaseDto, ctx: RequestContext): Promise<CaseSummaryDto> {
    const policy = this.policies.get(dto.country as PolicyCountry);
    if (!policy) {
      throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'no-policy', 'No policy for this country', {
        errors: [{ field: 'country', message: 'no country policy is configured for this country' }],
      });
    }
    const caseId = randomUUID();
    const actor = operatorActor(dto.organisationId);
    const envelope: CommandEnvelope<Extract<CaseCommand, { type: 'OpenCase' }>> = {
      command: {
        type: 'OpenCase',
        referralSource: dto.referralSource,
        policy,
        organisationId: dto.organisationId,
        assigneeId: dto.assigneeId ?? actor.userId,
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
    return this.get(caseId);
  }

  async command(
    caseId: string,
    command: CaseCommand,
    ctx: RequestContext,
  ): Promise<CaseSummaryDto> {
    const summary = await this.require(caseId);
    const envelope: CommandEnvelope = {
      command,
      actor: operatorActor(summary.organisationId),
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
    return this.get(caseId);
  }

  async get(caseId: string): Promise<CaseSummaryDto> {
    return toDto(await this.require(caseId));
  }

  async timeline(caseId: string): Promise<TimelineEntryDto[]> {
    await this.require(caseId);
    const events = await this.events.readCase(caseId);
    return events.map((e) => ({
      version: e.version,
      type: e.type,
      occurredAt: String(e.metadata['occurredAt']),
      actorRole: String(e.metadata['actorRole']),
      data: e.data,
    }));
  }

  private async require(caseId: string): Promise<CaseSummaryEntity> {
    const found = await this.summaries.find(caseId);
    if (!found) throw problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case');
    return found;
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
