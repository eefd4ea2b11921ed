import type { CountryPolicy } from '../policy/policy';
import type { ConsentScope } from './commands/support';
import type { DataCategory } from './personal';
import type { PartnerFactKind } from './network';
import type {
  ClosureReason,
  ConclusiveOutcome,
  DeadlineKey,
  DeparturePathway,
  FollowUpContact,
  IdentificationDecider,
  IdentificationOutcome,
  ImmediateNeed,
  Milestone,
  NeedArea,
  Pathway,
  PermitGround,
  Phase,
  ProtectionMeasure,
  ReferralPurpose,
  ReflectionEndReason,
  ReferralSource,
  RiskLevel,
  RiskScope,
  ServiceBasis,
  ServiceKind,
  ServiceStatus,
} from './types';

/*
 * The state holds what decisions need and nothing personal: ids, enums, flags and times
 * (see events.ts). It is plain JSON, because the workflow carries it across continue-as-new.
 * `seq` fields are the case version at which a fact was recorded; they order facts without
 * trusting clocks.
 */

export interface ReflectionState {
  readonly startedAt: string;
  readonly endsAt: string;
  readonly endedAt?: string;
  readonly endReason?: ReflectionEndReason;
}

export interface ImmediateNeedRecord {
  readonly need: ImmediateNeed;
  readonly recordedAt: string;
  readonly metAt?: string;
}

export interface NeedsAssessmentState {
  readonly needs: readonly NeedArea[];
  readonly assessedAt: string;
  readonly firstAssessedAt: string;
}

export interface RiskRecord {
  readonly assessedAt: string;
  readonly scope: RiskScope;
  readonly pathway?: DeparturePathway;
  readonly level: RiskLevel;
  readonly protectionMeasures: readonly ProtectionMeasure[];
  readonly acceptable?: boolean;
}

export interface ServiceRecord {
  readonly serviceId: string;
  readonly kind: ServiceKind;
  readonly basis: ServiceBasis;
  readonly status: ServiceStatus;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

export interface ConsentRecord {
  readonly consentId: string;
  readonly scope: ConsentScope;
  readonly givenAt: string;
  readonly seq: number;
  /** P4: after this time the consent is no longer current. */
  readonly expiresAt?: string;
  readonly withdrawnAt?: string;
}

export interface PermitState {
  /** 'applied' while the first decision is pending; a renewal keeps 'granted' until decided. */
  readonly status: 'applied' | 'granted' | 'refused';
  readonly ground: PermitGround;
  readonly appliedAt: string;
  readonly decidedAt?: string;
  readonly expiresAt?: string;
  readonly renewalAppliedAt?: string;
}

export interface ReferralRecord {
  readonly referralId: string;
  readonly recipientOrganisationId: string;
  readonly purpose: ReferralPurpose;
  readonly consentId: string;
  readonly status: 'sent' | 'accepted' | 'declined' | 'withdrawn';
  readonly sentAt: string;
  readonly respondedAt?: string;
  /** R18: the receiver's linked case, once it accepted. */
  readonly linkedCaseId?: string;
  /** R18, P4: her consent was withdrawn after acceptance; nothing more is shared. */
  readonly sharingStoppedAt?: string;
}

/** R18: the referral this case was opened from (the receiver's linked case). */
export interface LinkedFromRecord {
  readonly sourceCaseId: string;
  readonly referralId: string;
  readonly categories: readonly DataCategory[];
  readonly sharingStoppedAt?: string;
}

export interface ReintegrationPlanState {
  readonly recordedAt: string;
  /** Cleared when a new plan replaces an approved one: the host country approves each plan. */
  readonly fundingApprovedAt?: string;
}

export interface DepartureRecord {
  readonly pathway: DeparturePathway;
  readonly departedAt: string;
  readonly receivingOrganisationId: string;
}

export interface FollowUpRecord {
  readonly number: number;
  readonly contact: FollowUpContact;
  readonly recordedAt: string;
}

/** A reminder or escalation already recorded for a deadline at a given due date (R20). */
export interface NoticeRecord {
  readonly deadline: DeadlineKey;
  readonly dueAt: string;
  readonly notice: 'reminder' | 'escalation';
  readonly at: string;
}

/** R24: a partner's fact a rule refused, until a caseworker resolves it. */
export interface RefusedFactRecord {
  readonly factId: string;
  readonly factKind: PartnerFactKind;
  readonly partnerId: string;
  readonly rule: string;
  readonly refusedAt: string;
}

/** R25: a transfer proposed and not yet answered. */
export interface PendingTransfer {
  readonly transferId: string;
  readonly toOrganisationId: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
}

export interface ClosureState {
  readonly reason: ClosureReason;
  readonly closedAt: string;
  readonly erasureDueAt: string;
}

interface CaseFile {
  readonly version: number;
  /** Derived from the facts after every event (evolve/phase.ts). */
  readonly phase: Phase;
  readonly referralSource: ReferralSource;
  readonly organisationId: string;
  /** R22: exactly one responsible caseworker, always. */
  readonly assigneeId: string;
  readonly policy: CountryPolicy;
  readonly openedAt: string;
  /** When she was referred, when the opening said so (issue 10); deadlines run from it. */
  readonly referredAt?: string;
  /** The case reference (reference.ts); absent in cases opened before references existed. */
  readonly reference?: string;
  /** The time of the latest journey event (legal-track events excluded, R3). */
  readonly updatedAt: string;
  /** When the case last made progress (R21). */
  readonly lastProgressAt: string;
  readonly stalled?: { readonly since: string; readonly flaggedAt: string };
  readonly personDetailsRecordedAt?: string;
  readonly immediateNeeds: readonly ImmediateNeedRecord[];
  readonly identification?: {
    readonly outcome: IdentificationOutcome;
    readonly decidedAt: string;
    readonly firstDecidedAt: string;
    /** R27: absent for decisions recorded before it was required. */
    readonly decidedBy?: IdentificationDecider;
  };
  /** R28: the conclusive decision after reasonable grounds; a negative one may be reconsidered. */
  readonly conclusiveIdentification?: {
    readonly outcome: ConclusiveOutcome;
    readonly decidedBy: IdentificationDecider;
    readonly decidedAt: string;
    readonly firstDecidedAt: string;
  };
  readonly reflection?: ReflectionState;
  readonly rightsInformedAt?: string;
  readonly healthCheckOfferedAt?: string;
  readonly needsAssessment?: NeedsAssessmentState;
  readonly riskAssessments: readonly RiskRecord[];
  readonly services: readonly ServiceRecord[];
  readonly consents: readonly ConsentRecord[];
  readonly pathway: Pathway;
  readonly pathwayChosenAt?: string;
  readonly pathwayChosenSeq?: number;
  readonly integrationPlan?: {
    readonly milestones: readonly Milestone[];
    readonly agreedAt: string;
  };
  readonly milestonesReached: Partial<Readonly<Record<Milestone, string>>>;
  readonly permit?: PermitState;
  readonly reintegrationPlans: Partial<Readonly<Record<DeparturePathway, ReintegrationPlanState>>>;
  readonly contactsGiven: Partial<Readonly<Record<DeparturePathway, string>>>;
  readonly travelArranged: Partial<Readonly<Record<DeparturePathway, string>>>;
  readonly legalStatusConsideredAt?: string;
  readonly returnSuspendedAt?: string;
  readonly departure?: DepartureRecord;
  readonly followUps: readonly FollowUpRecord[];
  readonly returnFinancialAssistancePayments: number;
  readonly reTraffickingRisk: boolean;
  readonly referrals: readonly ReferralRecord[];
  /** R18: on a case opened by accepting a referral, the referral it came from. */
  readonly linkedFrom?: LinkedFromRecord;
  readonly notices: readonly NoticeRecord[];
  readonly closure?: ClosureState;
  readonly erasedAt?: string;
  /** R24: refused partner facts not yet resolved (absent in cases from before partner facts). */
  readonly refusedFacts?: readonly RefusedFactRecord[];
  /** R25: the transfer awaiting the receiver's answer. */
  readonly transfer?: PendingTransfer;
  /** R25: how many transfers were ever proposed (numbers the next one). */
  readonly transfersProposed?: number;
}

export interface OpenCaseState extends CaseFile {
  readonly status: 'open';
}

/** A closed case keeps its facts; it takes only ReopenCase, and erasure when retention ends. */
export interface ClosedCaseState extends CaseFile {
  readonly status: 'closed';
  readonly closure: ClosureState;
}

export type ExistingCaseState = OpenCaseState | ClosedCaseState;
export type CaseState = { readonly status: 'none'; readonly version: 0 } | ExistingCaseState;

export function initialState(): CaseState {
  return { status: 'none', version: 0 };
}
