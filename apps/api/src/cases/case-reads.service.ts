import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  availableActions,
  type CaseEventType,
  type CaseState,
  deadlines as deadlinesOf,
  PERSONAL_DATA,
  personalPaths,
  returnReadiness,
} from '@ariadne/domain';
import { EventStore } from '@ariadne/persistence';
import { CASE_KEYS, type CaseKeyStore } from '@ariadne/security';
import { CaseAccess, type CaseId, caseNotFound } from '../access';
import {
  isRecordRestricted,
  visibleCategories,
  withoutHiddenCategories,
} from '../access/need-to-know';
import {
  type AvailableActionsDto,
  type CaseSummaryDto,
  type DeadlinesDto,
  type ReadinessDto,
  type TimelineEntryDto,
  toCaseSummaryDto,
} from './cases.dto';
import { CaseWorkflowClient } from './case-workflow.client';
import { COMMAND_ROUTES, commandHttpPath, isPersonCommandType } from './commands/command-routes';

/** A case's live state from its workflow, and the moment it is judged at. */
interface LiveCase {
  readonly state: CaseState;
  readonly at: string;
}

/**
 * What reads a case: its summary and timeline from PostgreSQL, and what the domain judges now
 * (actions, deadlines, readiness) from the workflow's live state.
 */
@Injectable()
export class CaseReadsService {
  constructor(
    private readonly access: CaseAccess,
    private readonly workflows: CaseWorkflowClient,
    private readonly events: EventStore,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyStore,
  ) {}

  async get(actor: Actor, caseId: CaseId): Promise<CaseSummaryDto> {
    return toCaseSummaryDto(await this.access.require(actor, caseId, 'case.read'));
  }

  /** The events in order; her personal data decrypted for the actor, or {erased: true} (P7). */
  async timeline(actor: Actor, caseId: CaseId): Promise<TimelineEntryDto[]> {
    const found = await this.access.require(actor, caseId, 'case.read');
    const events = await this.events.readCase(caseId);
    // P3 by category: what she may not see is left out before anything is decrypted.
    const visible = visibleCategories(actor, found, isRecordRestricted(events));
    return Promise.all(
      events.map(async (e) => ({
        version: e.version,
        type: e.type,
        occurredAt: String(e.metadata['occurredAt']),
        actorRole: String(e.metadata['actorRole']),
        data: await this.readable(caseId, e.type, withoutHiddenCategories(e.data, visible)),
      })),
    );
  }

  /** The commands this actor may issue now, with their paths, from the live state. */
  async actions(actor: Actor, caseId: CaseId): Promise<AvailableActionsDto> {
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
  async deadlines(actor: Actor, caseId: CaseId): Promise<DeadlinesDto> {
    const { state, at } = await this.live(actor, caseId);
    return { caseId, version: state.version, at, deadlines: deadlinesOf(state, at) };
  }

  /** R14, R16: the return-readiness checklist, judged now. */
  async readiness(actor: Actor, caseId: CaseId): Promise<ReadinessDto> {
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

  private async live(actor: Actor, caseId: CaseId): Promise<LiveCase> {
    await this.access.require(actor, caseId, 'case.read');
    const state = await this.workflows.state(caseId);
    if (state.status === 'none') throw caseNotFound();
    return { state, at: new Date().toISOString() };
  }

  private async readable(caseId: CaseId, type: string, data: unknown): Promise<unknown> {
    if (typeof data !== 'object' || data === null || !isKnownEventType(type)) return data;
    const paths = personalPaths(type);
    if (paths.length === 0) return data;
    return this.keys.decryptPersonal(caseId, data as Record<string, unknown>, paths);
  }
}

function isKnownEventType(type: string): type is CaseEventType {
  return Object.prototype.hasOwnProperty.call(PERSONAL_DATA, type);
}
