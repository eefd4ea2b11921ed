import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { APP_CONFIG, type AppConfig, POLICIES } from '@ariadne/config';
import {
  CASE_WORKFLOW_TYPE,
  type CaseWorkflowInput,
  type CommandEnvelope,
  type CommandResult,
  caseCommandUpdate,
  caseStateQuery,
  openCaseUpdate,
} from '@ariadne/contracts';
import {
  type Actor,
  availableActions,
  type CaseCommand,
  type CaseEventType,
  type CaseState,
  deadlines as deadlinesOf,
  PERSONAL_DATA,
  type PolicyCountry,
  type PolicyRegistry,
  personalPaths,
  returnReadiness,
} from '@ariadne/domain';
import {
  CaseSummaryRepository,
  type CaseSummaryEntity,
  EventStore,
  IdentityRepository,
} from '@ariadne/persistence';
import { CASE_KEYS, type CaseKeyStore } from '@ariadne/security';
import { problem } from '../common/problem';
import type {
  AvailableActionsDto,
  CaseSummaryDto,
  DeadlinesDto,
  OpenCaseDto,
  ReadinessDto,
  TimelineEntryDto,
} from './cases.dto';
import { toCaseSummaryDto } from './cases.dto';
import { caseNotFound, mayActOnCase } from './case-access';
import { type CommandTarget } from './commands/command-route';
import {
  COMMAND_ROUTES,
  commandHttpPath,
  isPersonCommandType,
  type PersonCommand,
} from './commands/command-routes';
import type { RequestContext } from './request-context';
import { problemFromTemporal } from './temporal-errors';

/** A case's live state from its workflow, and the moment it is judged at. */
interface LiveCase {
  readonly state: CaseState;
  readonly at: string;
}

const caseIsFinal = () =>
  problem(HttpStatus.CONFLICT, 'rule-violation', 'Refused by rule R23', {
    rule: 'R23',
    detail: 'The case is final: her personal data is erased and it takes no more commands.',
  });

/** The RFC 4122 namespace of case ids derived from an Idempotency-Key (fixed, never change). */
const IDEMPOTENT_CASE_NAMESPACE = 'b3f1c7a4-6d2e-4f0a-9c58-2e7d41a0c9f3';

@Injectable()
export class CasesService {
  constructor(
    private readonly temporal: Client,
    private readonly summaries: CaseSummaryRepository,
    private readonly events: EventStore,
    private readonly identity: IdentityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyStore,
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
    // With an Idempotency-Key the case id is derived from it (and the caller), so that a retried
    // request reaches the same workflow, where Temporal answers the same update id once.
    const key = ctx.idempotencyKey;
    const caseId = key
      ? uuidv5(`${actor.userId}\n${key}`, IDEMPOTENT_CASE_NAMESPACE)
      : randomUUID();
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
        updateId: envelope.commandId,
        startWorkflowOperation: new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
          workflowId: caseId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdConflictPolicy: key ? 'USE_EXISTING' : 'FAIL',
        }),
      }),
    );
    // The opener sees what she opened, even when she made a colleague responsible for it.
    const opened = await this.summaries.find(caseId);
    if (!opened) throw new Error('An opened case has no summary');
    return toCaseSummaryDto(opened);
  }

  /**
   * Sends one command to the case's workflow and answers the case summary after it. The one path
   * every command route takes: access (P3), If-Match, Idempotency-Key, rule violations → problems.
   */
  async command(target: CommandTarget, command: PersonCommand): Promise<CaseSummaryDto> {
    const { actor, caseId, ctx } = target;
    await this.require(actor, caseId);
    const envelope: CommandEnvelope = {
      command,
      actor,
      commandId: ctx.idempotencyKey ?? randomUUID(),
      correlationId: ctx.requestId,
      expectedVersion: ctx.expectedVersion,
    };
    await this.run(async () => {
      try {
        return await this.temporal.workflow.getHandle(caseId).executeUpdate(caseCommandUpdate, {
          args: [envelope],
          // Temporal deduplicates updates by id: a retried request is applied once.
          updateId: envelope.commandId,
        });
      } catch (e) {
        // The case exists and the actor may act on it, but its run has ended: it is final.
        if (e instanceof WorkflowNotFoundError) throw caseIsFinal();
        throw e;
      }
    });
    return this.get(actor, caseId);
  }

  /** R22: the new responsible caseworker is an active caseworker of the case's organisation. */
  async reassign(
    target: CommandTarget,
    command: Extract<PersonCommand, { type: 'ReassignCase' }>,
  ): Promise<CaseSummaryDto> {
    const found = await this.require(target.actor, target.caseId);
    await this.requireResponsibleCaseworker(found.organisationId, command.assigneeId);
    return this.command(target, command);
  }

  async get(actor: Actor, caseId: string): Promise<CaseSummaryDto> {
    return toCaseSummaryDto(await this.require(actor, caseId));
  }

  /** The events in order; her personal data decrypted for the actor, or {erased: true} (P7). */
  async timeline(actor: Actor, caseId: string): Promise<TimelineEntryDto[]> {
    await this.require(actor, caseId);
    const events = await this.events.readCase(caseId);
    return Promise.all(
      events.map(async (e) => ({
        version: e.version,
        type: e.type,
        occurredAt: String(e.metadata['occurredAt']),
        actorRole: String(e.metadata['actorRole']),
        data: await this.readable(caseId, e.type, e.data),
      })),
    );
  }

  /** The commands this actor may issue now, with their paths, from the live state. */
  async actions(actor: Actor, caseId: string): Promise<AvailableActionsDto> {
    const { state, at } = await this.live(actor, caseId);
    const actions = availableActions(state, actor, at)
      .filter(isPersonCommandType)
      .map((type) => ({
        type,
        method: 'POST' as const,
        path: commandHttpPath(caseId, type),
        rule: COMMAND_ROUTES[type].rule,
      }));
    return { caseId, version: state.version, at, actions };
  }

  /** R19, R20: every obligation of the case with its due date, judged now. */
  async deadlines(actor: Actor, caseId: string): Promise<DeadlinesDto> {
    const { state, at } = await this.live(actor, caseId);
    return { caseId, version: state.version, at, deadlines: deadlinesOf(state, at) };
  }

  /** R14, R16: the return-readiness checklist, judged now. */
  async readiness(actor: Actor, caseId: string): Promise<ReadinessDto> {
    const { state, at } = await this.live(actor, caseId);
    const r = returnReadiness(state, at);
    return {
      caseId,
      version: state.version,
      at,
      applicable: r.applicable,
      ...(r.pathway && { pathway: r.pathway }),
      ready: r.ready,
      items: r.items.map((i) => ({ ...i })),
    };
  }

  /** The case, if it exists and the actor may act on it; otherwise 404 either way (P3). */
  private async require(actor: Actor, caseId: string): Promise<CaseSummaryEntity> {
    const found = await this.summaries.find(caseId);
    if (!found || !mayActOnCase(actor, found)) throw caseNotFound();
    return found;
  }

  /** The workflow's own state (no personal data in it: P1), as its query answers it. */
  private async live(actor: Actor, caseId: string): Promise<LiveCase> {
    await this.require(actor, caseId);
    let state: CaseState;
    try {
      state = await this.temporal.workflow.getHandle(caseId).query(caseStateQuery);
    } catch (e) {
      throw problemFromTemporal(e) ?? e;
    }
    if (state.status === 'none') throw caseNotFound();
    return { state, at: new Date().toISOString() };
  }

  private async readable(caseId: string, type: string, data: unknown): Promise<unknown> {
    if (typeof data !== 'object' || data === null || !isKnownEventType(type)) return data;
    const paths = personalPaths(type);
    if (paths.length === 0) return data;
    return this.keys.decryptPersonal(caseId, data as Record<string, unknown>, paths);
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

function isKnownEventType(type: string): type is CaseEventType {
  return Object.prototype.hasOwnProperty.call(PERSONAL_DATA, type);
}
