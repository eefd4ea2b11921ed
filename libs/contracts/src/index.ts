/**
 * The Temporal contract shared by the API and the worker. Sandbox-safe: it imports only
 * @temporalio/workflow's message definitions and the pure domain.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  CarriedOverFrom,
  CaseCommand,
  CaseState,
  CaseSummary,
  OpenCase,
  PartnerFact,
  PartnerKind,
} from '@ariadne/domain';

export { commandEventId, EVENT_ID_NAMESPACE, timedCommandId } from './event-ids';

export const CASE_TASK_QUEUE_DEFAULT = 'ariadne-cases';
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** A command as it travels to the workflow: who, what, and against which version. */
export interface CommandEnvelope<C extends CaseCommand = CaseCommand> {
  readonly command: C;
  readonly actor: Actor;
  /** Unique per request; a retried request carries the same id. */
  readonly commandId: string;
  readonly correlationId: string;
  /** Optimistic concurrency (ETag / If-Match): rejected when the case has moved on. */
  readonly expectedVersion?: number;
  /**
   * R26a: the command carries over a fact from the organisation's previous records, exempt from
   * the maximum recording lag (R26). Set only by the API's HTCDS import service, never from a
   * request body or header.
   */
  readonly carriedOver?: CarriedOverFrom;
  /**
   * Issue 11, docs/adr/0013: the audit entry of the request that sent this command (P5), written
   * by the append in the same transaction as the command's events, so that a stored command's
   * entry cannot fail apart from it. Set by the API; absent for timers and partner facts.
   */
  readonly audit?: CommandAudit;
}

/**
 * What the API adds to an audit entry for a command; the worker adds the actor (from the
 * envelope), the case, outcome 'allowed', the time and the chain. Opaque ids and fixed
 * vocabularies only (P1). `receipt` (a random id per HTTP request, never stored) comes back in
 * CommandResult.auditReceipt when the entry was written with the events by this request.
 */
export interface CommandAudit {
  readonly action: string;
  readonly categories: readonly string[];
  readonly purpose: string | null;
  readonly requestId: string | null;
  readonly receipt: string;
}

export interface CaseWorkflowInput {
  readonly caseId: string;
  /** Present after continue-as-new: the state carried over. */
  readonly snapshot?: CaseState;
  /**
   * Continue-as-new once the run's history has this many events (default 2,000), or earlier
   * when the server suggests it. Small values let tests cross many run boundaries.
   */
  readonly maxHistoryEvents?: number;
  /**
   * R30: the ids of the partner facts this case has already taken (the newest last, at most
   * PARTNER_FACT_IDS_KEPT), carried across continue-as-new so that a fact delivered again is
   * recognised in any run.
   */
  readonly partnerFactIds?: readonly string[];
}

/**
 * R30: a fact a partner system pushed (docs/adr/0010: a Signal, not an Update: the partner does
 * not wait for the case's answer). `factId` is the API's key of the partner's own id (a hash of
 * partner and id), never the partner's string itself (P1).
 */
export interface PartnerFactEnvelope {
  readonly factId: string;
  readonly fact: PartnerFact;
  readonly partner: {
    readonly partnerId: string;
    readonly kind: PartnerKind;
    /** The organisation it acts for, or its authority's own id (e.g. `partner-police-se`). */
    readonly organisationId: string;
  };
  readonly correlationId: string;
}
export const PARTNER_FACT_IDS_KEPT = 10_000;
export const partnerFactSignal = defineSignal<[PartnerFactEnvelope]>('partnerFact');

export interface CommandResult {
  readonly caseId: string;
  readonly version: number;
  /** Global positions or versions of the events this command appended. */
  readonly events: ReadonlyArray<{ readonly version: number; readonly type: string }>;
  /**
   * The case summary appended with these events (the read model's row), so that the API answers
   * from it without reading the database again. Absent from results of runs older than this
   * field: a retried update of such a run answers its old result.
   */
  readonly summary?: CaseSummary;
  /**
   * docs/adr/0013: CommandAudit.receipt of the request whose audit entry this command's append
   * wrote (in its transaction). Absent when no entry was written with the events (nothing
   * appended, events adopted, a worker from before): the API then writes the entry itself.
   */
  readonly auditReceipt?: string;
}

export const openCaseUpdate = defineUpdate<CommandResult, [CommandEnvelope<OpenCase>]>('openCase');
export const caseCommandUpdate = defineUpdate<CommandResult, [CommandEnvelope]>('caseCommand');
export const caseStateQuery = defineQuery<CaseState>('caseState');

/** Search attributes: enums, dates and opaque ids only — never personal data (P1). */
export const SA = {
  phase: defineSearchAttributeKey('AriadnePhase', SearchAttributeType.KEYWORD),
  country: defineSearchAttributeKey('AriadneCountry', SearchAttributeType.KEYWORD),
  organisation: defineSearchAttributeKey('AriadneOrganisation', SearchAttributeType.KEYWORD),
  pathway: defineSearchAttributeKey('AriadnePathway', SearchAttributeType.KEYWORD),
  stalled: defineSearchAttributeKey('AriadneStalled', SearchAttributeType.BOOL),
  nextDeadline: defineSearchAttributeKey('AriadneNextDeadline', SearchAttributeType.DATETIME),
  returnReadiness: defineSearchAttributeKey('AriadneReturnReadiness', SearchAttributeType.KEYWORD),
} as const;

/** Errors the workflow raises to reject a command; the API maps them to HTTP statuses. */
export const FAILURE_TYPES = {
  ruleViolation: 'RuleViolation',
  versionConflict: 'VersionConflict',
  appendConflict: 'AppendConflict',
} as const;

/** The activities the case workflow calls; implemented by the worker. */
export interface CaseActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
}

export interface EventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
}

export interface EventMetadata {
  readonly actorId: string;
  readonly actorRole: string;
  readonly organisationId: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
}

export interface AppendEventsInput {
  readonly caseId: string;
  /** The case version before these events; the first event gets expectedVersion + 1. */
  readonly expectedVersion: number;
  readonly events: readonly EventToAppend[];
  readonly metadata: EventMetadata;
  /** The case summary after these events, for the read model written in the same transaction. */
  readonly summary: CaseSummary;
  /**
   * docs/adr/0013 (the append as a local activity): on a conflict, answer what the log holds
   * (`AppendEventsResult.conflict`) instead of failing, so that the workflow adopts it. Absent in
   * the inputs of runs from before, which keep failing with AppendConflict.
   */
  readonly adopt?: boolean;
  /** docs/adr/0013: the audit entry of the command's request, written in the same transaction. */
  readonly audit?: Omit<CommandAudit, 'receipt'>;
}

/** An event as the log holds it, its personal data decrypted (for the workflow to fold). */
export interface LoggedEvent {
  readonly version: number;
  readonly eventId: string;
  /** The command (or timed action, or partner fact) that caused it. */
  readonly causationId: string;
  readonly type: string;
  readonly data: unknown;
}

export interface AppendEventsResult {
  readonly lastVersion: number;
  /** True when the same events were already stored (a retried activity). */
  readonly alreadyStored: boolean;
  /**
   * Only with `adopt`, when the log already held this command's events or other events at these
   * versions (a workflow task lost after its append committed): nothing was written. `own`: the
   * events this command caused (by causation id), at whatever version; `after`: every event after
   * `expectedVersion`, in order. The workflow folds `after` and answers from `own`, or decides
   * its command again on the state the log holds.
   */
  readonly conflict?: {
    readonly own: readonly LoggedEvent[];
    readonly after: readonly LoggedEvent[];
  };
}
